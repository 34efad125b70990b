using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// <c>watch -i &lt;id&gt;</c>: follows a run live, wherever it was started, until it reaches a final status; a finished run
/// is printed at once. The exit code is that of the final status (0 completed, 1 rolled back or failed, 5 needs an operator).
/// </summary>
public static class WatchCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The run to watch", Required = true, HelpName = "migration-id" };
        var command = new Command("watch", "Follow a run live (also one started by another process, the API or the dashboard) until it ends.") { id };
        cli.Help.Examples(command,
            "aibos-migrations watch -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations watch -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json   # waits, then prints the final run");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var run = await session.Engine.GetMigrationAsync(parse.GetValue(id), cancellationToken);
            if (RunStatus.IsActive(run.Status))
            {
                run = session.Output.IsJson
                    ? await RunWatcher.WatchAsync(session, run, new NoProgress(), cancellationToken)
                    : await RunProgressView.ShowAsync(session.Output, progress => RunWatcher.WatchAsync(session, run, progress, cancellationToken));
            }
            if (session.Output.IsJson) session.Output.Json(RunDocument.From(run));
            else RunView.Write(session.Output.Console, run);
            return ExitCodes.ForStatus(run.Status);
        });
        return command;
    }

    private sealed class NoProgress : IRunProgress
    {
        public void Begin(MigrationRun run) { }

        public void Apply(RunEvent runEvent) { }
    }
}
