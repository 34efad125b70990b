using AiBos.MigrationConsole.Api.Runs;
using AiBos.Migrations.Rollouts;

namespace AiBos.MigrationConsole.Api.Rollouts;

/// <summary>
/// A rollout as lists show it, and with its tenants (in rollout order) when shown alone. <c>interrupted</c>: still
/// running, but the process driving it stopped; resume it.
/// </summary>
public sealed record RolloutDocument(
    Guid Id, string Module, string TargetVersion, string Status, string? StopReason, RolloutPolicy Policy, string? RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, string? Owner, DateTimeOffset? HeartbeatAt,
    bool Interrupted, RolloutCounts Counts, IReadOnlyList<RolloutTenantDocument>? Tenants)
{
    public static RolloutDocument From(RolloutSummary summary, IReadOnlyList<RolloutTenant>? tenants = null) => new(
        summary.Id, summary.Module, summary.TargetVersion, summary.Status, summary.StopReason, summary.Policy, summary.RequestedBy,
        summary.CreatedAt, summary.FinishedAt, RunDocument.Seconds(summary.FinishedAt is null ? null : summary.Duration), summary.Owner,
        summary.HeartbeatAt, summary.Interrupted, summary.Counts, tenants?.Select(RolloutTenantDocument.From).ToList());

    public static RolloutDocument From(Rollout rollout) => From(rollout.Summary, rollout.Tenants);
}

/// <summary>One tenant of a rollout: its wave (0 = canary; null when skipped at planning), status and run.</summary>
public sealed record RolloutTenantDocument(
    string Tenant, int Ordinal, int? Wave, string Status, string? FromVersion, Guid? RunId, string? RunLocation,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, string? Reason)
{
    public static RolloutTenantDocument From(RolloutTenant tenant) => new(
        tenant.Tenant, tenant.Ordinal, tenant.Wave, tenant.Status, tenant.FromVersion, tenant.RunId,
        tenant.RunId is { } run ? RunResults.LocationOf(run) : null, tenant.StartedAt, tenant.FinishedAt, RunDocument.Seconds(tenant.Duration), tenant.Reason);
}

/// <summary>A rollout started or resumed in the background (202): where to follow it.</summary>
public sealed record AcceptedRolloutDocument(Guid RolloutId, string Module, string Status, string Location);

/// <summary>How a rollout ended (<c>?wait=true</c>), as the CLI's JSON: <c>succeeded</c> only when every targeted tenant completed or was skipped.</summary>
public sealed record RolloutOutcomeDocument(string Outcome, bool Succeeded, RolloutDocument Rollout)
{
    public static RolloutOutcomeDocument From(RolloutOutcome outcome) => new(outcome.Status, outcome.Succeeded, RolloutDocument.From(outcome.Rollout));
}
