using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary><c>show-migration -i &lt;id&gt;</c>: one run with its steps, timings and errors. JSON: the run document.</summary>
public static class ShowMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The run to show", Required = true, HelpName = "migration-id" };
        var command = new Command("show-migration", "Show one run: its status, steps, timings and errors.") { id };
        cli.Help.Examples(command,
            "aibos-migrations show-migration -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations show-migration -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var run = await session.Engine.GetMigrationAsync(parse.GetValue(id), cancellationToken);
            if (session.Output.IsJson) session.Output.Json(RunDocument.From(run));
            else RunView.Write(session.Output.Console, run);
            return ExitCodes.Success;
        });
        return command;
    }
}
