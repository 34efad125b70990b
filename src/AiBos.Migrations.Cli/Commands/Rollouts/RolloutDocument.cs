using AiBos.Migrations.Cli.Commands.Runs;
using AiBos.Migrations.Rollouts;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>A rollout as --output json shows it (list-rollouts without tenants; show-rollout and the rollout of an outcome with them).</summary>
public sealed record RolloutDocument(
    Guid Id, string Module, string TargetVersion, string Status, string? StopReason, bool Interrupted, string? RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, string? Owner, RolloutPolicy Policy, RolloutCounts Counts,
    IReadOnlyList<RolloutTenantDocument>? Tenants)
{
    public static RolloutDocument From(RolloutSummary s, IReadOnlyList<RolloutTenant>? tenants = null) => new(
        s.Id, s.Module, s.TargetVersion, s.Status, s.StopReason, s.Interrupted, s.RequestedBy, s.CreatedAt, s.FinishedAt,
        RunDocument.Seconds(s.Duration), s.Owner, s.Policy, s.Counts, tenants?.Select(RolloutTenantDocument.From).ToList());

    public static RolloutDocument From(Rollout rollout) => From(rollout.Summary, rollout.Tenants);
}

/// <summary>One tenant of a rollout in JSON; <c>wave</c> 0 is the canary, null a tenant skipped at planning.</summary>
public sealed record RolloutTenantDocument(
    string Tenant, int Ordinal, int? Wave, string Status, string? FromVersion, Guid? RunId,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DurationSeconds, string? Reason)
{
    public static RolloutTenantDocument From(RolloutTenant t) => new(
        t.Tenant, t.Ordinal, t.Wave, t.Status, t.FromVersion, t.RunId, t.StartedAt, t.FinishedAt, RunDocument.Seconds(t.Duration), t.Reason);
}

/// <summary>The result of start-rollout and resume-rollout with --output json.</summary>
public sealed record RolloutOutcomeDocument(string Outcome, bool Succeeded, int ExitCode, RolloutDocument Rollout);
