using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// A backup as --output json shows it (create-backup, list-backups, show-backup). <c>rows</c> counts the rows it keeps
/// (0 for schema-only); <c>tables</c> is its manifest: <c>{"name", "rows", "checksum", "storage", "added", "removed", "identity"}</c>.
/// </summary>
public sealed record BackupDocument(
    Guid Id, string Tenant, string Module, string Version, string Type, string Format, string Status, Guid? ParentId, Guid? RunId,
    string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long SizeBytes, long Rows, IReadOnlyList<BackupTable> Tables)
{
    public static BackupDocument From(BackupInfo backup) => new(
        backup.Id, backup.Tenant, backup.Module, backup.Version, backup.Type, backup.Format, backup.Status, backup.ParentId, backup.RunId,
        backup.CreatedBy, backup.CreatedAt, backup.ExpiresAt, backup.SizeBytes, RowsKept(backup), backup.Tables);

    /// <summary>The rows a restore brings back: those of every table the backup keeps rows of.</summary>
    public static long RowsKept(BackupInfo backup) => backup.Tables.Where(t => t.Storage != "none").Sum(t => t.Rows);
}
