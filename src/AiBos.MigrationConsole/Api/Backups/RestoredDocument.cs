using AiBos.Migrations.Backups;

namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>A restore that was done and verified (structure fingerprint, each table's rows and checksum).</summary>
public sealed record RestoredDocument(
    string Outcome, Guid BackupId, long? RollbackPointId, string Tenant, string Module, long RowsDiscarded, RestorePreview Preview,
    IReadOnlyList<string> Verified, double ElapsedSeconds)
{
    public static RestoredDocument From(Guid backupId, long? rollbackPointId, Restored restored) => new(
        "restored", backupId, rollbackPointId, restored.Preview.Tenant, restored.Preview.Module, restored.Preview.RowsDiscarded,
        restored.Preview, restored.Verified, Math.Round(restored.Elapsed.TotalSeconds, 3));
}
