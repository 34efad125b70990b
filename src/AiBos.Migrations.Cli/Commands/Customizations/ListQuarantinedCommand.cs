using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;
using AiBos.Migrations.Customizations;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// <c>list-quarantined -t tenant123 [-m crm] [--all]</c>: customizations an upgrade could not adapt, with why and by
/// which run; <c>--all</c> adds the released, discarded and rolled-back ones. JSON: <c>{"tenant", "quarantined": [...]}</c>.
/// </summary>
public static class ListQuarantinedCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var module = new Option<string?>("--module", "-m") { Description = "Only this module's" };
        var all = new Option<bool>("--all") { Description = "Also the ones already released, discarded or rolled back" };
        var command = new Command("list-quarantined",
            "List a tenant's quarantined customizations: documents an upgrade could not adapt, kept aside with the reason. Release or discard them.")
        {
            tenant, module, all,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-quarantined -t tenant123",
            "aibos-migrations list-quarantined -t tenant123 -m inventory --all --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var tenantKey = parse.GetValue(tenant)!;
            var items = await session.Engine.ListQuarantinedCustomizationsAsync(tenantKey, parse.GetValue(module), cancellationToken, parse.GetValue(all));
            if (session.Output.IsJson)
            {
                session.Output.Json(new { tenant = tenantKey, quarantined = items });
                return ExitCodes.Success;
            }
            if (items.Count == 0)
            {
                session.Output.Console.WriteLine($"Tenant {tenantKey} has no quarantined customizations.");
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Module", "Customization", "Version", "Status", "Reason", "Run", "When");
            foreach (var item in items)
                table.AddRow(Show.Text(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Show.Text(item.Module), Show.Text(item.Name),
                    Show.Text(item.TargetVersion is null ? item.Version : $"{item.Version} -> {item.TargetVersion}"), Show.Status(item.Status),
                    Show.Text(item.Reason), Show.Text(item.RunId?.ToString()), Show.Text(Show.Time(item.ResolvedAt ?? item.QuarantinedAt)));
            session.Output.Console.Write(table);
            if (items.Any(i => i.Status == QuarantinedCustomization.Quarantined))
                session.Output.Console.WriteLine("Release one (optionally fixed) with release-customization -t <tenant> -i <id> [--file fixed.json], or drop it with discard-customization.");
            return ExitCodes.Success;
        });
        return command;
    }
}
