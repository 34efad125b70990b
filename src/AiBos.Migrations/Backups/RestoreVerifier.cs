using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>Checks a restored module against its backup's manifest, inside the restore's transaction, before it commits.</summary>
internal static class RestoreVerifier
{
    /// <summary>
    /// The structure fingerprint, and every table's rows. Rebuilt tables are hashed and compared with the manifest's
    /// checksums. A swapped-in snapshot's tables are the backup's own rows, never written after the backup: their count
    /// is compared and every row is checked to still carry the backup transaction's xid (<see cref="RowVersions"/>), which
    /// proves them unchanged, so the checksum taken at backup time stands without hashing every row again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        BackupManifest manifest, bool swappedSnapshot, CancellationToken cancellationToken)
    {
        var expected = new SchemaFingerprint(manifest.Fingerprint);
        var actual = await SchemaFingerprint.ReadAsync(connection, transaction, schema, manifest.Structure.Relations, cancellationToken);
        var problems = expected.Diff(actual).ToList();
        var checks = new List<string> { $"structure fingerprint {actual.Hash[..12]} matches ({actual.Objects.Count} objects)" };
        var trustSnapshot = swappedSnapshot && manifest.Xid is { } xid && await RowVersions.IsRecentAsync(connection, transaction, xid, cancellationToken);
        foreach (var table in manifest.Tables)
        {
            var source = $"{Identifiers.Quote(schema)}.{Identifiers.Quote(table.Name)}";
            var rows = table.Storage == "none" ? 0 : table.Rows;
            if (trustSnapshot)
            {
                var (count, foreign) = await RowVersions.CountSnapshotRowsAsync(connection, transaction, source, manifest.Xid!.Value, cancellationToken);
                if (count != rows || foreign != 0)
                    problems.Add($"table {table.Name}: {count} rows, {foreign} of them written after the backup; the manifest says {rows} rows");
                else checks.Add($"table {table.Name}: {rows} rows, all as the backup wrote them (checksum {Short(table.Checksum)} from the backup)");
                continue;
            }
            var content = await TableContents.ReadTableAsync(connection, transaction, source, table.Name, manifest.ChecksumFormat, cancellationToken);
            if (content.Rows != rows || (table.Storage != "none" && content.Checksum != table.Checksum))
                problems.Add($"table {table.Name}: {content.Rows} rows (checksum {content.Checksum}), the manifest says {rows} rows (checksum {table.Checksum})");
            else checks.Add($"table {table.Name}: {rows} rows, checksum matches");
        }
        if (problems.Count > 0)
            throw new MigrationException("The restored module does not match the backup's manifest, so the restore was undone: " + string.Join("; ", problems));
        return checks;
    }

    private static string Short(string checksum) => checksum[..Math.Min(16, checksum.Length)];
}
