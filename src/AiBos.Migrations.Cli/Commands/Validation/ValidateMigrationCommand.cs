using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Validation;

namespace AiBos.Migrations.Cli.Commands.Validation;

/// <summary>
/// <c>validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 [--rehearse]</c>: the read-only preview of a
/// planned upgrade. Exit 0 when valid, 7 (plan rejected) when not. JSON: the whole report.
/// </summary>
public static class ValidateMigrationCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant to preview the upgrade for", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module to upgrade", Required = true };
        var from = new Option<string>("--from", "-f") { Description = "The version the tenant is at now", Required = true };
        var to = new Option<string>("--version", "-v") { Description = "The version to upgrade (or downgrade) to", Required = true };
        var rehearse = new Option<bool>("--rehearse")
        {
            Description = "Also run the plan and its down plan on a copy of the tenant's tables in a scratch schema, timing every step (the tenant is only read)",
        };
        var sample = new Option<int?>("--sample") { Description = "With --rehearse: copy at most this many rows per table instead of all", HelpName = "rows" };
        var command = new Command("validate-migration", "Preview an upgrade: compatibility and drift, data volume and time estimate, customization impact, dependencies, risk; optionally rehearse it.")
        {
            tenant, module, from, to, rehearse, sample,
        };
        cli.Help.Examples(command,
            "aibos-migrations validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0",
            "aibos-migrations validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rehearse",
            "aibos-migrations validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rehearse --sample 1000 --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var options = new ValidationOptions(parse.GetValue(rehearse), parse.GetValue(sample));
            var report = await session.Engine.ValidateMigrationAsync(parse.GetValue(tenant)!, parse.GetValue(module)!, parse.GetValue(from)!, parse.GetValue(to)!,
                options, cancellationToken);
            if (session.Output.IsJson) session.Output.Json(report);
            else ValidationView.Write(session.Output.Console, report);
            return report.IsValid ? ExitCodes.Success : ExitCodes.PlanRejected;
        });
        return command;
    }
}
