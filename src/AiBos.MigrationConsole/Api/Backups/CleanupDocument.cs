using AiBos.Migrations.Backups;

namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>What cleanup did: deleted backups, expired ones kept (and why), half-written ones of dead processes marked failed.</summary>
public sealed record CleanupDocument(IReadOnlyList<Guid> Deleted, IReadOnlyList<KeptBackupDocument> Kept, IReadOnlyList<Guid> MarkedFailed)
{
    public static CleanupDocument From(CleanupResult result) =>
        new(result.Deleted, result.Kept.Select(k => new KeptBackupDocument(k.Backup, k.Reason)).ToList(), result.MarkedFailed);
}
