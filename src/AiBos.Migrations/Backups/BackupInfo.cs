namespace AiBos.Migrations.Backups;

/// <summary>A backup as listed and shown.</summary>
public sealed record BackupInfo(
    Guid Id, string Tenant, string Module, string Version, string Type, string Format, string Status, Guid? ParentId, Guid? RunId,
    string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long SizeBytes, IReadOnlyList<BackupTable> Tables);

/// <summary>What a restore would do to one table.</summary>
public sealed record RestoreTablePreview(string Table, long CurrentRows, long BackupRows, long RowsDiscarded);

/// <summary>What a restore would discard: rows the tenant has now that the backup does not hold.</summary>
public sealed record RestorePreview(Guid BackupId, string Tenant, string Module, string CurrentVersion, string BackupVersion,
    IReadOnlyList<RestoreTablePreview> Tables, IReadOnlyList<string> RelationsDropped)
{
    public long RowsDiscarded => Tables.Sum(t => t.RowsDiscarded);
}

/// <summary>How a restore ended (one closed set, mapped by each face).</summary>
public abstract record RestoreOutcome;

/// <summary>Restored and verified against the manifest: structure fingerprint and every table's rows and checksum.</summary>
public sealed record Restored(RestorePreview Preview, TimeSpan Elapsed, IReadOnlyList<string> Verified) : RestoreOutcome;

/// <summary>The restore would discard rows; nothing was changed. Ask again with confirmation.</summary>
public sealed record RestoreNeedsConfirmation(RestorePreview Preview) : RestoreOutcome;
