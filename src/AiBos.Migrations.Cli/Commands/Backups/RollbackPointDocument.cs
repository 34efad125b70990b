using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>A rollback point as --output json shows it; <c>backupId</c> is the backup it returns to.</summary>
public sealed record RollbackPointDocument(
    long Id, string Tenant, string Module, string Version, Guid? RunId, string Step, string Description, Guid? BackupId, DateTimeOffset CreatedAt)
{
    public static RollbackPointDocument From(RollbackPointInfo point) => new(
        point.Id, point.Tenant, point.Module, point.Version, point.RunId, point.Step, point.Description, point.BackupId, point.CreatedAt);
}
