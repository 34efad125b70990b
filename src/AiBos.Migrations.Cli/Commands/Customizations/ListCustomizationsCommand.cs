using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// <c>list-customizations -t tenant123 -m crm</c>: the seed's getTenantCustomizations, the tenant's active customization
/// documents of a module. JSON: <c>{"tenant", "module", "customizations": [...]}</c> with each document's content.
/// </summary>
public static class ListCustomizationsCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module", Required = true };
        var command = new Command("list-customizations",
            "List a tenant's customizations of a module (custom fields, layouts, settings): kind/key, the module version each conforms to, revision, last change.")
        {
            tenant, module,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-customizations -t tenant123 -m inventory",
            "aibos-migrations list-customizations -t tenant123 -m inventory --output json   # with each document");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var (tenantKey, moduleName) = (parse.GetValue(tenant)!, parse.GetValue(module)!);
            var documents = (await session.Engine.GetTenantCustomizationsAsync(tenantKey, moduleName, cancellationToken))
                .Select(CustomizationDocumentView.From).ToList();
            if (session.Output.IsJson)
            {
                session.Output.Json(new { tenant = tenantKey, module = moduleName, customizations = documents });
                return ExitCodes.Success;
            }
            if (documents.Count == 0)
            {
                session.Output.Console.WriteLine($"Tenant {tenantKey} has no {moduleName} customizations: save one with save-customization.");
                return ExitCodes.Success;
            }
            var table = Show.Table("Customization", "Version", "Revision", "Changed", "By");
            foreach (var document in documents)
                table.AddRow(Show.Text($"{document.Kind}/{document.Key}"), Show.Text(document.Version), Show.Text(Show.Number(document.Revision)),
                    Show.Text(Show.Time(document.UpdatedAt)), Show.Text(document.UpdatedBy));
            session.Output.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
