using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Rollouts;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary><c>list-rollouts -m accounting -s running</c>: rollouts, newest first. JSON: <c>{"rollouts": [rollout...]}</c> without tenants.</summary>
public static class ListRolloutsCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string?>("--module", "-m") { Description = "Only rollouts of this module" };
        var status = new Option<string?>("--status", "-s") { Description = "Only rollouts with this status", HelpName = string.Join('|', RolloutStatus.All) };
        status.AcceptOnlyFromAmong([.. RolloutStatus.All]);
        var limit = new Option<int>("--limit") { Description = "At most this many rollouts (1 to 10000)", DefaultValueFactory = _ => 100 };
        var command = new Command("list-rollouts", "List rollouts, newest first, with their status and tenant counts.") { module, status, limit };
        cli.Help.Examples(command,
            "aibos-migrations list-rollouts",
            "aibos-migrations list-rollouts -m accounting -s stopped-by-failures",
            "aibos-migrations list-rollouts -s running --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var rollouts = await session.Engine.ListRolloutsAsync(new RolloutFilter(parse.GetValue(module), parse.GetValue(status), parse.GetValue(limit)), cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { rollouts = rollouts.Select(r => RolloutDocument.From(r)).ToList() });
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Module", "Version", "Status", "Tenants", "Started", "By", "Duration");
            foreach (var r in rollouts)
            {
                table.AddRow(Show.Text(r.Id.ToString()), Show.Text(r.Module), Show.Text(r.TargetVersion), RolloutView.Status(r, brief: true),
                    Show.Text(RolloutView.Counts(r.Counts)), Show.Text(Show.Time(r.CreatedAt)), Show.Text(r.RequestedBy), Show.Text(Show.Duration(r.Duration)));
            }
            session.Output.Console.Write(table);
            session.Output.Console.WriteLine($"{rollouts.Count} rollout(s).");
            if (rollouts.Any(r => r.Interrupted))
                session.Output.Console.WriteLine("Interrupted rollouts lost the process driving them: continue one with resume-rollout -i <id>.");
            return ExitCodes.Success;
        });
        return command;
    }
}
