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

/// <summary>What cleanup did: deleted backups, expired ones kept (and why), half-written ones of dead processes marked failed.</summary>
public sealed record CleanupDocument(IReadOnlyList<Guid> Deleted, IReadOnlyList<KeptBackupDocument> Kept, IReadOnlyList<Guid> MarkedFailed)
{
    public static CleanupDocument From(CleanupResult result) =>
        new(result.Deleted, result.Kept.Select(k => new KeptBackupDocument(k.Backup, k.Reason)).ToList(), result.MarkedFailed);
}

public sealed record KeptBackupDocument(Guid BackupId, string Reason);
