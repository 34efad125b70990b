using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary><c>show-rollout -i &lt;id&gt;</c>: one rollout with every tenant's wave, status, run and reason. JSON: the rollout document.</summary>
public static class ShowRolloutCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The rollout to show", Required = true, HelpName = "rollout-id" };
        var command = new Command("show-rollout", "Show one rollout: its policy, status, counts, and what happened to each tenant.") { id };
        cli.Help.Examples(command,
            "aibos-migrations show-rollout -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations show-rollout -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var rollout = await session.Engine.GetRolloutAsync(parse.GetValue(id), cancellationToken);
            if (session.Output.IsJson) session.Output.Json(RolloutDocument.From(rollout));
            else RolloutView.Write(session.Output.Console, rollout);
            return ExitCodes.Success;
        });
        return command;
    }
}
