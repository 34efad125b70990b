using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Backups;

/// <summary>
/// What a backup holds and what a restore must reproduce: the module's structure, each table's rows and content
/// checksum, the structure's fingerprint, and the module's applied migrations and version. <see cref="SnapshotXmin"/>
/// and <see cref="Xid"/> (64-bit transaction ids of the backup's snapshot and of its own transaction) let a restore
/// reason with row versions (<see cref="RowVersions"/>); manifests written before them have none and take the full
/// comparisons. <see cref="ChecksumFormat"/> names how the checksums were computed (none: the earlier md5-based format).
/// </summary>
public sealed record BackupManifest(
    string Format,
    string ModuleVersion,
    ModuleStructure Structure,
    IReadOnlyList<BackupTable> Tables,
    IReadOnlyDictionary<string, string> Fingerprint,
    IReadOnlyList<AppliedFile> History,
    long? SnapshotXmin = null,
    long? Xid = null,
    string? ChecksumFormat = null);

/// <summary>
/// One table of a backup. <see cref="Storage"/>: "full" (all rows in a table named like the original),
/// "incremental" (rows added or changed since the parent, and the keys removed), or "none" (schema-only).
/// <see cref="Identity"/> is the source table's physical identity when the backup was taken (<see cref="RowVersions.TableIdentityAsync"/>).
/// </summary>
public sealed record BackupTable(string Name, long Rows, string Checksum, string Storage, long Added = 0, long Removed = 0, string? Identity = null);

/// <summary>A migration file applied to the tenant when the backup was taken.</summary>
public sealed record AppliedFile(string Version, string FileName, string Checksum)
{
    internal static AppliedFile From(HistoryEntry entry) => new(entry.Version, entry.FileName, entry.Checksum);
}
