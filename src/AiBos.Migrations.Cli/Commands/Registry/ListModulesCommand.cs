using System.CommandLine;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary><c>list-modules</c>: modules and their registered versions. JSON: <c>{"modules": [...]}</c>.</summary>
public static class ListModulesCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("list-modules", "List the registered modules and their versions.");
        cli.Help.Examples(command, "aibos-migrations list-modules", "aibos-migrations list-modules --output json");
        command.SetEngineAction(cli, async (session, _, cancellationToken) =>
        {
            var modules = await new ModuleCatalog(session.Get<CatalogDatabase>()).ListAsync(cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { modules });
                return ExitCodes.Success;
            }
            var table = Show.Table("Module", "Description", "Versions (migration files)");
            foreach (var module in modules)
                table.AddRow(Show.Text(module.Name), Show.Text(module.Description), Show.Text(string.Join(", ", module.Versions.Select(v => $"{v.Version} ({v.Migrations})"))));
            session.Output.Console.Write(table);
            if (modules.Count == 0) session.Output.Console.WriteLine("No modules registered yet: register one with register-module <folder>.");
            return ExitCodes.Success;
        });
        return command;
    }
}
