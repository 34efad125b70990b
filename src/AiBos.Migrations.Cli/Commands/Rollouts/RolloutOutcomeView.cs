using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Rollouts;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>Reports how a rollout ended (start-rollout, resume-rollout): the rollout's table and closing line, or the JSON outcome.</summary>
public static class RolloutOutcomeView
{
    public static int Write(CliSession session, RolloutOutcome outcome)
    {
        var exitCode = RolloutExitCode.For(outcome);
        if (session.Output.IsJson)
        {
            session.Output.Json(new RolloutOutcomeDocument(outcome.Status, outcome.Succeeded, exitCode, RolloutDocument.From(outcome.Rollout)));
            return exitCode;
        }
        RolloutView.Write(session.Output.Console, outcome.Rollout);
        RolloutView.WriteEnding(session.Output.Console, outcome);
        return exitCode;
    }
}
