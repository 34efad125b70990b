using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// <c>release-customization -t tenant123 -i 42 [--file fixed.json]</c>: puts a quarantined customization back into the
/// active set, as it was or replaced by a fixed document, checked like save-customization. JSON: the active document.
/// </summary>
public static class ReleaseCustomizationCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var id = new Option<long>("--id", "-i") { Description = "The quarantined customization (see list-quarantined)", Required = true, HelpName = "id" };
        var replacement = new JsonDocumentInput("A fixed document to release instead of the quarantined one");
        var command = new Command("release-customization",
            "Release a quarantined customization into the tenant's active customizations, as it is or replaced by a fixed document (checked against the module's current tables).")
        {
            tenant, id,
        };
        replacement.AddTo(command);
        cli.Help.Examples(command,
            "aibos-migrations release-customization -t tenant123 -i 42",
            "aibos-migrations release-customization -t tenant123 -i 42 --file fixed-layout.json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var fixedDocument = await replacement.ReadAsync(parse, cli.Environment.In, cancellationToken);
            var released = CustomizationDocumentView.From(await session.Engine.ReleaseQuarantinedCustomizationAsync(
                parse.GetValue(tenant)!, parse.GetValue(id), fixedDocument, Environment.UserName, cancellationToken));
            if (session.Output.IsJson) session.Output.Json(released);
            else session.Output.Console.WriteLine($"Released {released.Module} customization {released.Kind}/{released.Key}{(fixedDocument is null ? "" : " (fixed)")}: active again as revision {released.Revision}, version {released.Version}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
