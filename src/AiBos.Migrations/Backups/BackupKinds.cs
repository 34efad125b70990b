namespace AiBos.Migrations.Backups;

/// <summary>The seed's three backup types.</summary>
public enum BackupType { Full, Incremental, SchemaOnly }

/// <summary>How a backup's rows are kept: a plain copy, or a ready-to-swap snapshot with indexes and constraints.</summary>
public enum BackupFormat { Copy, Snapshot }

public static class BackupKinds
{
    public static BackupType ParseType(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "full" => BackupType.Full,
        "incremental" => BackupType.Incremental,
        "schema-only" or "schemaonly" or "schema" => BackupType.SchemaOnly,
        _ => throw new InvalidInputException($"'{text}' is not a backup type: use full, incremental or schema-only."),
    };

    public static string ToText(this BackupType type) => type switch
    {
        BackupType.Full => "full",
        BackupType.Incremental => "incremental",
        _ => "schema-only",
    };

    public static string ToText(this BackupFormat format) => format == BackupFormat.Copy ? "copy" : "snapshot";
}

/// <summary>The states of a backup.</summary>
public static class BackupStatus
{
    /// <summary>Being written; never restorable. Left behind by a killed process, it is marked failed by cleanup.</summary>
    public const string Creating = "creating";
    public const string Ready = "ready";
    public const string Failed = "failed";
    /// <summary>A snapshot that a restore swapped into the tenant: its tables are the tenant's now.</summary>
    public const string Consumed = "consumed";
    public const string Deleted = "deleted";
}
