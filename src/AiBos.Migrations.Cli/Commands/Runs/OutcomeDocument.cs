using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// The result of execute-migration, install-module and rollback-migration with --output json. <c>outcome</c> is one of
/// completed, rolled-back, failed, needs-operator, tenant-busy, plan-rejected; <c>run</c> is the run as stored afterwards
/// (null when no run was started).
/// </summary>
public sealed record OutcomeDocument(
    string Outcome, int ExitCode, Guid? RunId, string? Tenant, string? Step, string? Reason, string? RollbackPath,
    double? ElapsedSeconds, IReadOnlyList<string> Problems, RunDocument? Run)
{
    public static OutcomeDocument From(RunOutcome outcome, int exitCode, MigrationRun? run) => outcome switch
    {
        Completed c => new("completed", exitCode, c.RunId, run?.Tenant, null, null, null, Math.Round(c.Elapsed.TotalSeconds, 3), [], Document(run)),
        RolledBack r => new("rolled-back", exitCode, r.RunId, run?.Tenant, r.Step, r.Reason, r.RollbackPath, null, [], Document(run)),
        Failed f => new("failed", exitCode, f.RunId, run?.Tenant, f.Step, f.Reason, null, null, [], Document(run)),
        NeedsOperator n => new("needs-operator", exitCode, n.RunId, run?.Tenant, null, n.Reason, null, null, [], Document(run)),
        TenantBusy b => new("tenant-busy", exitCode, null, b.Tenant, null, $"Tenant '{b.Tenant}' is busy with another run.", null, null, [], null),
        PlanRejected p => new("plan-rejected", exitCode, null, null, null, string.Join(" ", p.Problems), null, null, p.Problems, null),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome this CLI does not know."),
    };

    public static Guid? RunIdOf(RunOutcome outcome) => outcome switch
    {
        Completed c => c.RunId,
        RolledBack r => r.RunId,
        Failed f => f.RunId,
        NeedsOperator n => n.RunId,
        _ => null,
    };

    private static RunDocument? Document(MigrationRun? run) => run is null ? null : RunDocument.From(run);
}
