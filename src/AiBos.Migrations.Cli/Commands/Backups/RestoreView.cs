using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>A restore for people: the preview (per table, what would be discarded), then the verified result.</summary>
public static class RestoreView
{
    public static void WritePreview(IAnsiConsole console, RestoreRequest request, RestorePreview preview)
    {
        console.WriteLine($"Restore {request.Subject}: {preview.Module} {preview.BackupVersion} over tenant {preview.Tenant}, which is at {preview.Module} {preview.CurrentVersion}.");
        var table = Show.Table("Table", "Current rows", "Backup rows", "Rows discarded");
        foreach (var t in preview.Tables)
        {
            var discarded = t.RowsDiscarded > 0 ? new Markup($"[yellow]{Show.Number(t.RowsDiscarded)}[/]") : Show.Text("0");
            table.AddRow(Show.Text(t.Table), Show.Text(Show.Number(t.CurrentRows)), Show.Text(Show.Number(t.BackupRows)), discarded);
        }
        console.Write(table);
        if (preview.RelationsDropped.Count > 0)
            console.WriteLine($"Relations dropped (the backup does not hold them): {string.Join(", ", preview.RelationsDropped)}");
        console.WriteLine(preview.RowsDiscarded == 0
            ? "No rows would be discarded."
            : $"{Show.Number(preview.RowsDiscarded)} row(s) that the tenant has now and the backup does not hold would be discarded.");
    }

    public static void WriteRestored(IAnsiConsole console, Restored restored)
    {
        var preview = restored.Preview;
        console.MarkupLine($"[green]Restored[/] and verified in {Markup.Escape(Show.Duration(restored.Elapsed))}: "
            + Markup.Escape($"{preview.Module} is at {preview.BackupVersion} for tenant {preview.Tenant}, {Show.Number(preview.RowsDiscarded)} row(s) discarded."));
        console.WriteLine("Verified:");
        foreach (var line in restored.Verified) console.WriteLine($"  - {line}");
    }
}
