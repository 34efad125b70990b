using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Backups;

/// <summary>
/// What a backup holds and what a restore must reproduce: the module's structure, each table's rows and content
/// checksum, the structure's fingerprint, and the module's applied migrations and version.
/// </summary>
public sealed record BackupManifest(
    string Format,
    string ModuleVersion,
    ModuleStructure Structure,
    IReadOnlyList<BackupTable> Tables,
    IReadOnlyDictionary<string, string> Fingerprint,
    IReadOnlyList<AppliedFile> History);

/// <summary>
/// One table of a backup. <see cref="Storage"/>: "full" (all rows in a table named like the original),
/// "incremental" (rows added or changed since the parent, and the keys removed), or "none" (schema-only).
/// </summary>
public sealed record BackupTable(string Name, long Rows, string Checksum, string Storage, long Added = 0, long Removed = 0);

/// <summary>A migration file applied to the tenant when the backup was taken.</summary>
public sealed record AppliedFile(string Version, string FileName, string Checksum)
{
    internal static AppliedFile From(HistoryEntry entry) => new(entry.Version, entry.FileName, entry.Checksum);
}
