namespace AiBos.Migrations.Rollouts;

/// <summary>
/// A rollout without its tenants, as lists show it. <see cref="Interrupted"/>: it is still "running" but the process
/// driving it stopped (its heartbeat is stale); continue it with ResumeRolloutAsync.
/// </summary>
public sealed record RolloutSummary(
    Guid Id, string Module, string TargetVersion, string Status, string? StopReason, RolloutPolicy Policy,
    string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Owner, DateTimeOffset? HeartbeatAt,
    bool Interrupted, RolloutCounts Counts)
{
    public TimeSpan Duration => (FinishedAt ?? DateTimeOffset.UtcNow) - CreatedAt;
}
