using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Execution;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// Reports a run's outcome: the run as stored (verified status) and one closing line, or the JSON outcome document.
/// Outcomes that started no run (tenant busy, plan rejected) are explained on stderr.
/// </summary>
public static class OutcomeView
{
    public static async Task<int> WriteAsync(CliSession session, RunOutcome outcome, int exitCode)
    {
        // Not the caller's token: after Ctrl+C the run has been rolled back, and that outcome is still reported.
        var run = OutcomeDocument.RunIdOf(outcome) is { } runId ? await session.Engine.GetMigrationAsync(runId, CancellationToken.None) : null;
        switch (outcome)
        {
            case TenantBusy b:
                session.Output.Error.WriteLine($"error: Tenant '{b.Tenant}' is busy with another run; nothing was touched. Watch it with list-migrations -t {b.Tenant} -s running, then try again.");
                break;
            case PlanRejected p:
                session.Output.Error.WriteLine($"error: The plan was rejected; nothing was touched. {string.Join(" ", p.Problems).ReplaceLineEndings(" ")}");
                break;
        }
        if (session.Output.IsJson)
        {
            session.Output.Json(OutcomeDocument.From(outcome, exitCode, run));
            return exitCode;
        }
        var console = session.Output.Console;
        if (run is not null) RunView.Write(console, run);
        switch (outcome)
        {
            case Completed c:
                console.MarkupLine($"[green]Completed[/] and validated in {Markup.Escape(Output.Show.Duration(run?.Duration ?? c.Elapsed))}: {Markup.Escape($"{run?.Module} is at {run?.ToVersion} for tenant {run?.Tenant}")}.");
                break;
            case RolledBack r:
                console.MarkupLine($"[yellow]Rolled back[/] after step {Markup.Escape(r.Step)}: {Markup.Escape(r.Reason)}");
                break;
            case Failed f:
                console.MarkupLine($"[red]Failed[/] in step {Markup.Escape(f.Step)} and left as it is (no rollback): {Markup.Escape(f.Reason)} Roll it back with: aibos-migrations rollback-migration -i {f.RunId}, or fix the cause and continue it with: aibos-migrations resume-migration -i {f.RunId}");
                break;
            case NeedsOperator n:
                console.MarkupLine($"[red]Needs an operator[/]: {Markup.Escape(n.Reason)}");
                break;
        }
        return exitCode;
    }
}
