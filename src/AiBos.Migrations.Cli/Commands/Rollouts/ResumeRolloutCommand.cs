using System.CommandLine;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary><c>resume-rollout -i &lt;rollout-id&gt;</c>: continues a rollout whose process stopped, shown like start-rollout.</summary>
public static class ResumeRolloutCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The interrupted rollout to continue (see list-rollouts)", Required = true, HelpName = "rollout-id" };
        var command = new Command("resume-rollout", "Continue a rollout whose process stopped (still running, marked interrupted in list-rollouts).") { id };
        cli.Help.Usage(command,
            "The runs the stopped process left behind are recovered first (rolled back, or held for an operator under --no-rollback);",
            "a tenant whose run was rolled back that way is upgraded again, then the pending tenants continue under the rollout's",
            "own canary, wave, concurrency, failure and window settings. A rollout that ended (completed, stopped, cancelled) is",
            "refused with exit code 2: start a new rollout instead, tenants already upgraded are skipped.");
        cli.Help.Examples(command,
            "aibos-migrations list-rollouts -s running",
            "aibos-migrations resume-rollout -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations resume-rollout -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var rolloutId = parse.GetValue(id);
            var outcome = await RolloutLiveLines.RunAsync(session, ct => session.Engine.ResumeRolloutAsync(rolloutId, Environment.UserName, ct), cancellationToken);
            return RolloutOutcomeView.Write(session, outcome);
        });
        return command;
    }
}
