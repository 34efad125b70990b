using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Registry;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>The result of a registration: <c>{"added": n, "unchanged": n, "replaced": n, "files": [...], "rules": [...]}</c>.</summary>
public static class RegistrationView
{
    public static void Write(CliOutput output, RegistrationResult result)
    {
        if (output.IsJson)
        {
            output.Json(new RegistrationDocument(result.Added, result.Unchanged, result.Replaced, result.Files, result.Rules));
            return;
        }
        var table = Show.Table("Module", "Version", "File", "Checksum", "Change");
        foreach (var file in result.Files)
            table.AddRow(Show.Text(file.Module), Show.Text(file.Version), Show.Text(file.FileName), Show.Text(file.Checksum[..Math.Min(12, file.Checksum.Length)]), Show.Text(Change(file.Change)));
        if (result.Files.Count > 0) output.Console.Write(table);
        output.Console.MarkupLine($"Registered {result.Files.Count} migration file(s): [green]{result.Added} added[/], {result.Unchanged} unchanged, [yellow]{result.Replaced} replaced[/].");
        if (result.Rules.Count == 0) return;

        var rules = Show.Table("Kind", "Module", "Version", "Rule", "Change");
        foreach (var rule in result.Rules)
            rules.AddRow(Show.Text(rule.Kind), Show.Text(rule.Module), Show.Text(rule.Version), Show.Text(rule.RuleId), Show.Text(Change(rule.Change)));
        output.Console.Write(rules);
        int Count(RegistrationChange change) => result.Rules.Count(r => r.Change == change);
        output.Console.MarkupLine($"Registered {result.Rules.Count} rule(s): [green]{Count(RegistrationChange.Added)} added[/], {Count(RegistrationChange.Unchanged)} unchanged, [yellow]{Count(RegistrationChange.Replaced)} replaced[/].");
    }

    private static string Change(RegistrationChange change) => change.ToString().ToLowerInvariant();
}
