namespace AiBos.Migrations.Rollouts;

/// <summary>
/// A state change of a rollout (<see cref="Tenant"/> null) or of one of its tenants, as written to the catalog and
/// announced on the <see cref="RolloutEventListener.Channel"/> NOTIFY channel, with the rollout's counts after it.
/// The tenant's run publishes its own run events; <see cref="RunId"/> links them.
/// </summary>
public sealed record RolloutEvent(
    Guid RolloutId, string Module, string TargetVersion, string? Tenant, string Status, Guid? RunId, string? Message,
    RolloutCounts Counts, DateTimeOffset At);
