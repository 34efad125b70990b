using System.CommandLine;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Cli.Commands.Registry;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.DataTransforms;

/// <summary>
/// <c>list-data-rules -m ledger [-v 2.0.0]</c>: a module's registered data transformation rules in the order runs apply
/// them. JSON: <c>{"module", "version", "rules": [...]}</c>.
/// </summary>
public static class ListDataRulesCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string>("--module", "-m") { Description = "The module whose data rules to list", Required = true };
        var version = new Option<string?>("--version", "-v") { Description = "Only this version's rules (default: every version)" };
        var command = new Command("list-data-rules", "List a module's data transformation rules (registered from <version>/data/*.json): source -> target, mapping, conditions, batch size, validation queries.")
        {
            module, version,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-data-rules -m ledger",
            "aibos-migrations list-data-rules -m ledger -v 2.0.0 --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var name = Identifiers.ValidateModuleName(parse.GetValue(module));
            var only = parse.GetValue(version) is { } text ? SemanticVersion.Parse(text) : null;
            var registered = (await new ModuleCatalog(session.Get<CatalogDatabase>()).ListAsync(cancellationToken)).SingleOrDefault(m => m.Name == name)
                ?? throw new NotFoundException($"Module '{name}' is not registered: register it with register-module <folder>.");
            if (only is not null && registered.Versions.All(v => v.Version != only.ToString()))
                throw new NotFoundException($"Version {only} of module '{name}' is not registered: see list-modules.");

            var rules = (await session.Engine.GetDataRulesAsync(name, cancellationToken))
                .Where(r => only is null || r.Version == only).Select(DataRuleDocument.From).ToList();
            if (session.Output.IsJson)
            {
                session.Output.Json(new { module = name, version = only?.ToString(), rules });
                return ExitCodes.Success;
            }
            Write(session.Output.Console, rules);
            if (rules.Count == 0)
                session.Output.Console.WriteLine($"No data rules for {name}{(only is null ? "" : $" {only}")}: a version's rules are registered from its data/*.json with register-module.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, IReadOnlyList<DataRuleDocument> rules)
    {
        if (rules.Count == 0) return;
        var table = Show.Table("Version", "Rule", "Source -> target", "Type", "Mapping", "Conditions", "Batch size", "Validation queries");
        foreach (var rule in rules)
        {
            table.AddRow(Show.Text(rule.Version), Show.Text(rule.Id), Show.Text($"{rule.SourceTable} -> {rule.TargetTable}"), Show.Text(rule.TransformationType),
                Show.Text(string.Join("\n", rule.Mapping.Select(m => $"{m.Source} -> {m.Target}"))),
                Show.Text(string.Join("\n", rule.Conditions)),
                Show.Text(rule.BatchSize is { } size ? Show.Number(size) : "default"),
                Show.Text(string.Join("\n", rule.ValidationQueries.Select(q => q.ToString()))));
        }
        console.Write(table);
    }
}
