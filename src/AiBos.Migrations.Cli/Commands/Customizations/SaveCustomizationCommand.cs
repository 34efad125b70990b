using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// <c>save-customization -t tenant123 -m crm --kind field --key loyalty_tier --file field.json</c>: creates or replaces one
/// customization document; it conforms to the module version the tenant runs. JSON: the saved document.
/// </summary>
public static class SaveCustomizationCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module (installed on the tenant)", Required = true };
        var kind = new Option<string>("--kind") { Description = "What the document customizes, e.g. field, layout, setting", Required = true };
        var key = new Option<string>("--key") { Description = "Its name within the kind, e.g. loyalty_tier", Required = true };
        var document = new JsonDocumentInput("The document (a JSON object)");
        var command = new Command("save-customization",
            "Create or replace one customization document of a tenant's module. It is checked against the module's tables at the version the tenant runs; upgrades adapt it.")
        {
            tenant, module, kind, key,
        };
        document.AddTo(command);
        cli.Help.Examples(command,
            "aibos-migrations save-customization -t tenant123 -m inventory --kind field --key shelf_life --file shelf_life.json",
            """aibos-migrations save-customization -t tenant123 -m inventory --kind setting --key low_stock --json '{"threshold": 5}'""");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var content = await document.ReadAsync(parse, cli.Environment.In, cancellationToken)
                ?? throw new InvalidInputException("Give the document with --json '{...}' or --file <path>.");
            var saved = CustomizationDocumentView.From(await session.Engine.SaveTenantCustomizationAsync(
                parse.GetValue(tenant)!, parse.GetValue(module)!, parse.GetValue(kind)!, parse.GetValue(key)!, content, Environment.UserName, cancellationToken));
            if (session.Output.IsJson) session.Output.Json(saved);
            else session.Output.Console.WriteLine($"Saved {saved.Module} customization {saved.Kind}/{saved.Key} of tenant {parse.GetValue(tenant)}: revision {saved.Revision}, version {saved.Version}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
