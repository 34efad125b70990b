using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// JSON of cleanup-backups: the expired backups deleted, those kept with why (a run still needs them, or a kept backup
/// builds on them), and abandoned half-written backups marked failed.
/// </summary>
public sealed record CleanupDocument(IReadOnlyList<Guid> Deleted, IReadOnlyList<KeptBackupDocument> Kept, IReadOnlyList<Guid> MarkedFailed)
{
    public static CleanupDocument From(CleanupResult result) =>
        new(result.Deleted, result.Kept.Select(k => new KeptBackupDocument(k.Backup, k.Reason)).ToList(), result.MarkedFailed);
}
