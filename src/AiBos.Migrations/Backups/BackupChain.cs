using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Backups;

/// <summary>One stored backup: where its rows live and what its manifest says.</summary>
public sealed record StoredBackup(Guid Id, string Schema, BackupManifest Manifest, Guid? ParentId);

/// <summary>
/// A backup with its ancestors, newest first, down to the full backup it builds on. Gives the SQL that yields a
/// table's rows as they were at the newest backup: the parent's rows minus the keys removed, plus the rows added.
/// </summary>
public sealed record BackupChain(IReadOnlyList<StoredBackup> Backups)
{
    public StoredBackup Newest => Backups[0];

    /// <summary>A row source (subquery) of <paramref name="table"/> as of backup <paramref name="index"/>, or null when it has no rows.</summary>
    public string? StateSql(string table, int index = 0)
    {
        var backup = Backups[index];
        var stored = backup.Manifest.Tables.FirstOrDefault(t => t.Name == table);
        if (stored is null) return null;
        var schema = Identifiers.Quote(backup.Schema);
        switch (stored.Storage)
        {
            case "full":
                return $"SELECT * FROM {schema}.{Identifiers.Quote(table)}";
            case "incremental":
                var parent = StateSql(table, index + 1) ?? throw new MigrationException($"Backup {backup.Id} is incremental but its parent has no rows of {table}.");
                var key = backup.Manifest.Structure.Tables.Single(t => t.Name == table).PrimaryKey;
                var match = string.Join(" AND ", key.Select(k => $"r.{Identifiers.Quote(k)} = s.{Identifiers.Quote(k)}"));
                return $"""
                    SELECT s.* FROM ({parent}) s WHERE NOT EXISTS (SELECT 1 FROM {schema}.{Identifiers.Quote(RemovedTable(table))} r WHERE {match})
                    UNION ALL SELECT * FROM {schema}.{Identifiers.Quote(AddedTable(table))}
                    """;
            default:
                return null;
        }
    }

    /// <summary>The backup tables (schema, name) that <see cref="StateSql"/> reads for <paramref name="table"/>.</summary>
    public IEnumerable<(string Schema, string Name)> StateTables(string table, int index = 0)
    {
        var backup = Backups[index];
        var storage = backup.Manifest.Tables.FirstOrDefault(t => t.Name == table)?.Storage;
        if (storage == "full") return [(backup.Schema, table)];
        if (storage == "incremental") return StateTables(table, index + 1).Concat([(backup.Schema, RemovedTable(table)), (backup.Schema, AddedTable(table))]);
        return [];
    }

    public static string AddedTable(string table) => table + "__added";
    public static string RemovedTable(string table) => table + "__removed";

    /// <summary>Whether an incremental copy of the table can build on the parent: same columns, a primary key, short enough names.</summary>
    public static bool CanBeIncremental(TableShape now, BackupManifest parent, string table) =>
        now.PrimaryKey.Count > 0
        && AddedTable(table).Length <= 63
        && parent.Structure.Tables.FirstOrDefault(t => t.Name == table) is { } before
        && before.Signature == now.Signature
        && parent.Tables.Any(t => t.Name == table && t.Storage is "full" or "incremental");
}
