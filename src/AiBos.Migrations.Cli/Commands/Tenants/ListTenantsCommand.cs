using System.CommandLine;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Tenancy;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary><c>list-tenants</c>: tenants, their shard and schema, and each module's version. JSON: <c>{"tenants": [...]}</c>.</summary>
public static class ListTenantsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("list-tenants", "List the tenants with their shard, schema and the version of each installed module.");
        cli.Help.Examples(command, "aibos-migrations list-tenants", "aibos-migrations list-tenants --output json");
        command.SetEngineAction(cli, async (session, _, cancellationToken) =>
        {
            var tenants = await new TenantOverview(session.Get<TenantService>(), session.Get<CatalogDatabase>()).ListAsync(cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { tenants });
                return ExitCodes.Success;
            }
            var table = Show.Table("Tenant", "Name", "Shard", "Schema", "Modules");
            foreach (var tenant in tenants)
                table.AddRow(Show.Text(tenant.Key), Show.Text(tenant.DisplayName), Show.Text(tenant.Shard), Show.Text(tenant.Schema),
                    Show.Text(string.Join(", ", tenant.Modules.Select(m => $"{m.Module} {m.Version}"))));
            session.Output.Console.Write(table);
            if (tenants.Count == 0) session.Output.Console.WriteLine("No tenants yet: add one with add-tenant -t <key> --name <display name>.");
            return ExitCodes.Success;
        });
        return command;
    }
}
