using System.CommandLine;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary><c>install-module -t tenant123 -m accounting -v 1.0.0</c>: a run from "not installed" up to a version.</summary>
public static class InstallModuleCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant to install the module on", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module to install", Required = true };
        var version = new Option<string>("--version", "-v") { Description = "The version to install", Required = true };
        var runOptions = new RunOptionSet(backupOptions: false);
        var command = new Command("install-module", "Install a module on a tenant: its migrations from nothing up to a version, validated, rolled back on failure.")
        {
            tenant, module, version,
        };
        runOptions.AddTo(command);
        cli.Help.Examples(command,
            "aibos-migrations install-module -t tenant123 -m accounting -v 1.0.0",
            "aibos-migrations install-module -t tenant123 -m crm -v 2.0.0 --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var (key, name) = (parse.GetValue(tenant)!, parse.GetValue(module)!);
            var options = runOptions.Bind(parse);
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            var outcome = await InProcessRun.RunAsync(session, key, name,
                ct => session.Engine.InstallModuleAsync(key, name, parse.GetValue(version)!, options, ct), cancellationToken);
            return await OutcomeView.WriteAsync(session, outcome, ExitCodes.ForRun(outcome));
        });
        return command;
    }
}
