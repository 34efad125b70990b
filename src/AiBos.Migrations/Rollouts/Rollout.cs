using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Rollouts;

/// <summary>A rollout with its tenants in rollout order and the options of their runs.</summary>
public sealed record Rollout(RolloutSummary Summary, MigrationOptions Options, IReadOnlyList<RolloutTenant> Tenants)
{
    public Guid Id => Summary.Id;
    public string Status => Summary.Status;
    public RolloutCounts Counts => Summary.Counts;
}
