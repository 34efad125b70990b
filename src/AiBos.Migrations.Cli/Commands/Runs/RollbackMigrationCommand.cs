using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// <c>rollback-migration -i &lt;migration-id&gt;</c>: a running run (in any process) is stopped and rolled back; a finished
/// run is undone by a verified rollback run that returns the tenant to the run's from-version.
/// </summary>
public static class RollbackMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The run to roll back (see list-migrations)", Required = true, HelpName = "migration-id" };
        var command = new Command("rollback-migration", "Roll back a run: stop and undo it if it is running, or undo a finished run back to its from-version.")
        {
            id,
        };
        cli.Help.Examples(command,
            "aibos-migrations rollback-migration -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations list-migrations -m accounting -s failed   # find the id first");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            var outcome = await session.Engine.RollbackMigrationAsync(parse.GetValue(id), Environment.UserName, cancellationToken);
            return await OutcomeView.WriteAsync(session, outcome, ExitCodes.ForRollback(outcome));
        });
        return command;
    }
}
