namespace AiBos.Migrations.Rollouts;

/// <summary>
/// One tenant of a rollout as shown: its wave (0 = canary; null when skipped at planning), status, the version it was
/// upgraded from, its run (follow it with GetMigrationAsync or the run events) and why it ended as it did.
/// </summary>
public sealed record RolloutTenant(
    string Tenant, int Ordinal, int? Wave, string Status, string? FromVersion, Guid? RunId,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Reason)
{
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}
