using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>A backup for people: a summary grid and its manifest's tables.</summary>
public static class BackupView
{
    public static void Write(IAnsiConsole console, BackupInfo backup)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(Show.Text("Backup"), Show.Text(backup.Id.ToString()));
        grid.AddRow(Show.Text("Tenant"), Show.Text(backup.Tenant));
        grid.AddRow(Show.Text("Module"), Show.Text($"{backup.Module} {backup.Version}"));
        grid.AddRow(Show.Text("Type"), Show.Text(Kind(backup)));
        grid.AddRow(Show.Text("Status"), Show.Text(backup.Status));
        if (backup.ParentId is { } parent) grid.AddRow(Show.Text("Builds on"), Show.Text(parent.ToString()));
        if (backup.RunId is { } run) grid.AddRow(Show.Text("Taken by run"), Show.Text(run.ToString()));
        grid.AddRow(Show.Text("Created"), Show.Text($"{Show.Time(backup.CreatedAt)}{(backup.CreatedBy is null ? "" : $" by {backup.CreatedBy}")}"));
        grid.AddRow(Show.Text("Expires"), Show.Text(Show.Time(backup.ExpiresAt)));
        grid.AddRow(Show.Text("Size"), Show.Text(Show.Bytes(backup.SizeBytes)));
        grid.AddRow(Show.Text("Rows"), Show.Text($"{Show.Number(BackupDocument.RowsKept(backup))} in {backup.Tables.Count} table(s)"));
        console.Write(grid);
        if (backup.Tables.Count > 0) console.Write(Tables(backup));
    }

    public static Table Tables(BackupInfo backup)
    {
        var incremental = backup.Tables.Any(t => t.Storage == "incremental");
        var table = incremental
            ? Show.Table("Table", "Rows", "Storage", "Added or changed", "Removed", "Checksum")
            : Show.Table("Table", "Rows", "Storage", "Checksum");
        foreach (var t in backup.Tables)
        {
            var rows = Show.Text(t.Storage == "none" ? $"{Show.Number(t.Rows)} (not kept)" : Show.Number(t.Rows));
            var checksum = Show.Text(t.Checksum[..Math.Min(12, t.Checksum.Length)]);
            if (incremental) table.AddRow(Show.Text(t.Name), rows, Show.Text(t.Storage), Show.Text(Show.Number(t.Added)), Show.Text(Show.Number(t.Removed)), checksum);
            else table.AddRow(Show.Text(t.Name), rows, Show.Text(t.Storage), checksum);
        }
        return table;
    }

    /// <summary><c>full (copy)</c>, <c>incremental (copy)</c>, <c>schema-only (snapshot)</c>.</summary>
    public static string Kind(BackupInfo backup) => backup.Format.Length == 0 ? backup.Type : $"{backup.Type} ({backup.Format})";
}
