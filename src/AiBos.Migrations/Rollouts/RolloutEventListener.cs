using AiBos.Migrations.Catalog;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// LISTENs on the catalog for rollout events of every process. A channel of its own, not the run events' one: a
/// listener of either never meets the other's payloads, and each tenant's run still announces itself as a run.
/// </summary>
public sealed class RolloutEventListener(CatalogDatabase catalog)
{
    public const string Channel = "aibos_rollout_events";

    public IAsyncEnumerable<RolloutEvent> ListenAsync(CancellationToken cancellationToken) =>
        CatalogNotifications.ListenAsync<RolloutEvent>(catalog, Channel, cancellationToken);
}
