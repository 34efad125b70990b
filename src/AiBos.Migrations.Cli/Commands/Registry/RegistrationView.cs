using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Registry;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>The result of a registration: <c>{"added": n, "unchanged": n, "replaced": n, "files": [...]}</c>.</summary>
public static class RegistrationView
{
    public static void Write(CliOutput output, RegistrationResult result)
    {
        if (output.IsJson)
        {
            output.Json(new RegistrationDocument(result.Added, result.Unchanged, result.Replaced, result.Files));
            return;
        }
        var table = Show.Table("Module", "Version", "File", "Checksum", "Change");
        foreach (var file in result.Files)
            table.AddRow(Show.Text(file.Module), Show.Text(file.Version), Show.Text(file.FileName), Show.Text(file.Checksum[..Math.Min(12, file.Checksum.Length)]), Show.Text(file.Change.ToString().ToLowerInvariant()));
        if (result.Files.Count > 0) output.Console.Write(table);
        output.Console.MarkupLine($"Registered {result.Files.Count} migration file(s): [green]{result.Added} added[/], {result.Unchanged} unchanged, [yellow]{result.Replaced} replaced[/].");
    }
}
