using AiBos.Migrations.Catalog;

namespace AiBos.Migrations.Execution;

/// <summary>
/// LISTENs on the catalog for run events of every process (CLI, API, other console nodes), so that a host can
/// show runs started elsewhere live, with no broker but PostgreSQL.
/// </summary>
public sealed class RunEventListener(CatalogDatabase catalog)
{
    public const string Channel = "aibos_run_events";

    public IAsyncEnumerable<RunEvent> ListenAsync(CancellationToken cancellationToken) =>
        CatalogNotifications.ListenAsync<RunEvent>(catalog, Channel, cancellationToken);
}
