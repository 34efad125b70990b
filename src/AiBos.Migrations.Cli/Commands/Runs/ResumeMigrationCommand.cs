using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// <c>resume-migration -i &lt;migration-id&gt;</c>: continues a run that stopped half-way (its process died while it was
/// running, or it was held or failed under --no-rollback) from where it stopped, shown like execute-migration.
/// </summary>
public static class ResumeMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The stopped run to continue (see list-migrations)", Required = true, HelpName = "migration-id" };
        var command = new Command("resume-migration", "Continue a run that stopped half-way from where it stopped, instead of rolling it back.")
        {
            id,
        };
        cli.Help.Usage(command,
            "- A run whose process died mid-way (killed, out of memory, machine restarted): it is still 'running' in list-migrations.",
            "  Resume it before any other command that runs migrations: execute-migration, install-module, rollback-migration and",
            "  recover first roll such abandoned runs back (or hold them for an operator under --no-rollback).",
            "- A run with --no-rollback that failed ('failed') or was held for an operator ('needs-operator'): fix the cause, then resume.",
            "Finished steps are kept; the schema step skips files already applied, the data step continues from each rule's",
            "checkpoint. Any other run (completed, rolled back, a rollback run) is refused with exit code 2: roll it back instead.");
        cli.Help.Examples(command,
            "aibos-migrations list-migrations -s running                     # a run whose process died",
            "aibos-migrations list-migrations -s failed                      # a --no-rollback run that failed",
            "aibos-migrations resume-migration -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations resume-migration -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            // Not session.RecoverAbandonedRunsAsync, unlike the other run commands: it would roll back the very run to continue.
            var run = await session.Engine.GetMigrationAsync(parse.GetValue(id), cancellationToken);
            var outcome = await InProcessRun.RunAsync(session, run.Tenant, run.Module,
                ct => session.Engine.ResumeMigrationAsync(run.Id, Environment.UserName, ct), cancellationToken);
            return await OutcomeView.WriteAsync(session, outcome, ExitCodes.ForRun(outcome));
        });
        return command;
    }
}
