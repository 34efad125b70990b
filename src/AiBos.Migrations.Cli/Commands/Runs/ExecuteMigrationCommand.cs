using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary><c>execute-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rollback-on-failure</c>: one run, shown live, ending with its verified outcome.</summary>
public static class ExecuteMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant to migrate", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module to migrate", Required = true };
        var from = new Option<string>("--from", "-f") { Description = "The tenant's current version of the module", Required = true };
        var to = new Option<string>("--version", "-v") { Description = "The target version (lower than --from for a downgrade)", Required = true };
        var runOptions = new RunOptionSet();
        var command = new Command("execute-migration", "Migrate one tenant's module from one version to another, step by step, rolling back automatically on failure.")
        {
            tenant, module, from, to,
        };
        runOptions.AddTo(command);
        cli.Help.Examples(command,
            "aibos-migrations execute-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rollback-on-failure",
            "aibos-migrations execute-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --batch-size 500 --timeout 600",
            "aibos-migrations execute-migration -t tenant123 -m accounting -f 2.0.0 -v 1.0.0 --output json",
            "aibos-migrations execute-migration -t tenant123 -m crm -f 1.0.0 -v 2.0.0 --no-rollback --lock-timeout 500",
            "aibos-migrations execute-migration -t tenant123 -m crm -f 1.0.0 -v 2.0.0 --backup-type incremental",
            "aibos-migrations execute-migration -t tenant123 -m inventory -f 1.0.0 -v 1.1.0 --no-backup");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var (key, name) = (parse.GetValue(tenant)!, parse.GetValue(module)!);
            var options = runOptions.Bind(parse);
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            var outcome = await InProcessRun.RunAsync(session, key, name,
                ct => session.Engine.ExecuteModuleMigrationAsync(key, name, parse.GetValue(from)!, parse.GetValue(to)!, options, ct), cancellationToken);
            return await OutcomeView.WriteAsync(session, outcome, ExitCodes.ForRun(outcome));
        });
        return command;
    }
}
