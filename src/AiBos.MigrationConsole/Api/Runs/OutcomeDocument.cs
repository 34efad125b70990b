using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>
/// How a run ended, for <c>?wait=true</c>: <c>outcome</c> is completed, rolled-back, failed or needs-operator, and
/// <c>run</c> is the run as stored afterwards. (A busy tenant or a rejected plan starts no run: those are problems.)
/// </summary>
public sealed record OutcomeDocument(
    string Outcome, Guid RunId, string? Step, string? Reason, string? RollbackPath, double? ElapsedSeconds, RunDocument Run)
{
    public static OutcomeDocument From(RunOutcome outcome, MigrationRun run) => outcome switch
    {
        Completed c => new("completed", c.RunId, null, null, null, Math.Round(c.Elapsed.TotalSeconds, 3), RunDocument.From(run)),
        RolledBack r => new("rolled-back", r.RunId, r.Step, r.Reason, r.RollbackPath, null, RunDocument.From(run)),
        Failed f => new("failed", f.RunId, f.Step, f.Reason, null, null, RunDocument.From(run)),
        NeedsOperator n => new("needs-operator", n.RunId, null, n.Reason, null, null, RunDocument.From(run)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Only outcomes of a started run have a document."),
    };

    /// <summary>The run an outcome belongs to; null when none was started (busy tenant, rejected plan).</summary>
    public static Guid? RunIdOf(RunOutcome outcome) => outcome switch
    {
        Completed c => c.RunId,
        RolledBack r => r.RunId,
        Failed f => f.RunId,
        NeedsOperator n => n.RunId,
        _ => null,
    };
}
