using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// What a restore does (or would do) to the tenant: per table <c>{"table", "currentRows", "backupRows", "rowsDiscarded"}</c>,
/// and the relations dropped because the backup does not hold them.
/// </summary>
public sealed record RestorePreviewDocument(
    Guid BackupId, string Tenant, string Module, string CurrentVersion, string BackupVersion, long RowsDiscarded,
    IReadOnlyList<RestoreTablePreview> Tables, IReadOnlyList<string> RelationsDropped)
{
    public static RestorePreviewDocument From(RestorePreview preview) => new(
        preview.BackupId, preview.Tenant, preview.Module, preview.CurrentVersion, preview.BackupVersion, preview.RowsDiscarded,
        preview.Tables, preview.RelationsDropped);
}
