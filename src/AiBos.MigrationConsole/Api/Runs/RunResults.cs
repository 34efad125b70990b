using AiBos.MigrationConsole.Hubs;
using AiBos.Migrations;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>
/// The one place where a started run becomes an HTTP answer: 202 Accepted with the run's Location, or with
/// <c>?wait=true</c> 200 and the outcome. A run that never started is a problem: a busy tenant and a rejected
/// plan are 409 Conflict (nothing was touched).
/// </summary>
public static class RunResults
{
    public static string LocationOf(Guid runId) => $"{MigrationApi.Prefix}/migrations/{runId}";

    public static async Task<IResult> AnswerAsync(RunStart start, bool wait, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var runId = start switch
        {
            RunStarted started => started.RunId,
            RunEnded ended => OutcomeDocument.RunIdOf(ended.Result) ?? (Guid?)null,
            _ => null,
        };
        if (runId is not { } id) return Refusal(((RunEnded)start).Result);
        if (!wait)
        {
            var run = await engine.GetMigrationAsync(id, cancellationToken);
            return TypedResults.Accepted(LocationOf(id), new AcceptedRunDocument(id, run.Tenant, run.Module, run.Status, LocationOf(id), RunsHub.Path));
        }
        // Giving up this request ends only the wait: the run goes on.
        var outcome = await start.Outcome.WaitAsync(cancellationToken);
        // The outcome names the run it is about (for a manual rollback: the run undone, as the CLI reports it).
        return Outcome(outcome, await engine.GetMigrationAsync(OutcomeDocument.RunIdOf(outcome) ?? id, cancellationToken));
    }

    public static IResult Outcome(RunOutcome outcome, MigrationRun run) => OutcomeDocument.RunIdOf(outcome) is null
        ? Refusal(outcome)
        : TypedResults.Ok(OutcomeDocument.From(outcome, run));

    public static IResult Refusal(RunOutcome outcome) => outcome switch
    {
        TenantBusy busy => ApiProblems.TenantBusy(busy.Tenant),
        PlanRejected rejected => ApiProblems.Problem(StatusCodes.Status409Conflict, "plan-rejected", "The plan cannot run",
            string.Join(" ", rejected.Problems) + " Nothing was touched.", new Dictionary<string, object?> { ["problems"] = rejected.Problems }),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal."),
    };
}
