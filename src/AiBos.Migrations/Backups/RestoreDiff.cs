using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// Counts the rows a restore would discard: the current rows that the backup does not hold, compared as text over the
/// columns both sides share, as a multiset (<c>EXCEPT ALL</c>).
/// </summary>
internal static class RestoreDiff
{
    /// <summary>
    /// The current rows and the discarded ones by an anti-join on the primary key, when the current table has one among
    /// the shared columns and those columns have the same types on both sides; null otherwise. The same number as
    /// EXCEPT ALL without sorting both tables' row texts: equal row texts imply equal keys, and the key makes current rows
    /// distinct. Rows are compared by binary image first (<c>*=</c>, which implies equal text), as text only when the
    /// images differ. Nothing changed gives 0, so no content checksum of the current table is needed first.
    /// With <paramref name="unchangedBefore"/> (see <see cref="RowVersions.UnchangedBeforeAsync"/>) only the rows written
    /// since the backup's snapshot are compared, the others being known to be in the backup as they are.
    /// </summary>
    public static async Task<(long Rows, long Discarded)?> CountByKeyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string table, IReadOnlyList<string> currentColumns, TableShape shape, BackupChain chain, long? unchangedBefore, CancellationToken cancellationToken)
    {
        var backupRows = chain.StateSql(table)!;
        var source = $"{Identifiers.Quote(schema)}.{Identifiers.Quote(table)}";
        var common = currentColumns.Intersect(shape.Columns).ToList();
        var key = await PrimaryKeyAsync(connection, transaction, schema, table, cancellationToken);
        if (common.Count == 0 || key.Count == 0 || !key.All(common.Contains) || !await SameTypesAsync(connection, transaction, source, backupRows, common, cancellationToken))
            return null;

        if (unchangedBefore is { } snapshotXmin)
            return await CountWrittenSinceAsync(connection, transaction, source, backupRows, common, key, snapshotXmin, cancellationToken);

        await AnalyzeAsync(connection, transaction, chain.StateTables(table), cancellationToken);
        // Aliases k1..kn and r: no column name of the table can collide with them.
        var columns = string.Join(", ", common.Select(Identifiers.Quote));
        var keys = string.Join(", ", key.Select((k, i) => $"{Identifiers.Quote(k)} AS k{i + 1}"));
        var match = string.Join(" AND ", key.Select((_, i) => $"b.k{i + 1} = c.k{i + 1}"));
        var rows = await ScalarAsync<long>(connection, transaction, $"SELECT count(*) FROM {source}", cancellationToken);
        var discarded = await ScalarAsync<long>(connection, transaction, $"""
            SELECT count(*) FROM (SELECT {keys}, ROW({columns}) AS r FROM {source}) c
            WHERE NOT EXISTS (SELECT 1 FROM (SELECT {keys}, ROW({columns}) AS r FROM ({backupRows}) s) b
                              WHERE {match} AND (b.r *= c.r OR b.r::text = c.r::text))
            """, cancellationToken);
        return (rows, discarded);
    }

    /// <summary>
    /// The discarded rows among those written since the backup's snapshot: such rows minus those whose key and row the
    /// backup holds, counted by distinct key so that duplicate keys in the backup cannot hide a discarded row. They are
    /// counted first (one scan, no comparison when there are none); the comparison then caps them at that count, which
    /// gives the planner their true number, so it hashes these few rows and scans the backup once instead of sorting
    /// it. Both statements run in the caller's REPEATABLE READ snapshot and see the same rows (checked).
    /// </summary>
    private static async Task<(long Rows, long Discarded)> CountWrittenSinceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string source, string backupRows, IReadOnlyList<string> common, IReadOnlyList<string> key, long snapshotXmin, CancellationToken cancellationToken)
    {
        var writtenSince = RowVersions.WrittenSince(snapshotXmin, "c");
        var (rows, written) = await ScalarPairAsync(connection, transaction,
            $"SELECT count(*), count(*) FILTER (WHERE {writtenSince}) FROM {source} c", cancellationToken);
        if (written == 0) return (rows, 0);

        var columns = string.Join(", ", common.Select(Identifiers.Quote));
        var backupRow = $"ROW({string.Join(", ", common.Select(c => $"s.{Identifiers.Quote(c)}"))})";
        var keys = string.Join(", ", key.Select((k, i) => $"{Identifiers.Quote(k)} AS k{i + 1}"));
        var match = string.Join(" AND ", key.Select((k, i) => $"s.{Identifiers.Quote(k)} = w.k{i + 1}"));
        var matchedKeys = string.Join(", ", key.Select((_, i) => $"w.k{i + 1}"));
        var (compared, matched) = await ScalarPairAsync(connection, transaction, $"""
            WITH w AS MATERIALIZED (SELECT {keys}, ROW({columns}) AS r FROM {source} c WHERE {writtenSince} LIMIT {written})
            SELECT (SELECT count(*) FROM w),
                   (SELECT count(*) FROM (SELECT DISTINCT {matchedKeys} FROM w JOIN ({backupRows}) s
                                          ON {match} AND ({backupRow} *= w.r OR {backupRow}::text = w.r::text)) m)
            """, cancellationToken);
        if (compared != written)
            throw new MigrationException($"The restore preview counted {written} rows of {source} written since the backup, then {compared}: it needs one snapshot.");
        return (rows, written - matched);
    }

    private static async Task<(long First, long Second)> ScalarPairAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The discarded rows by EXCEPT ALL of the row texts over the shared columns (a sort of both tables).</summary>
    public static Task<long> CountByTextAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string table,
        IReadOnlyList<string> currentColumns, TableShape shape, BackupChain chain, CancellationToken cancellationToken)
    {
        var common = currentColumns.Intersect(shape.Columns).Select(Identifiers.Quote).ToList();
        var row = common.Count == 0 ? "1" : $"ROW({string.Join(", ", common)})::text";
        return ScalarAsync<long>(connection, transaction,
            $"SELECT count(*) FROM (SELECT {row} FROM {Identifiers.Quote(schema)}.{Identifiers.Quote(table)} EXCEPT ALL SELECT {row} FROM ({chain.StateSql(table)}) s) d",
            cancellationToken);
    }

    /// <summary>
    /// Gives statistics to backup tables that have none (a backup is a fresh CREATE TABLE AS): without them the planner
    /// misjudges the key's distinct values and sorts the whole backup once per parallel worker instead of hashing it.
    /// </summary>
    private static async Task AnalyzeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<(string Schema, string Name)> tables,
        CancellationToken cancellationToken)
    {
        foreach (var (schema, name) in tables)
        {
            await using var check = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = @schema AND tablename = @table)", connection, transaction);
            check.Parameters.AddWithValue("schema", schema);
            check.Parameters.AddWithValue("table", name);
            if (!(bool)(await check.ExecuteScalarAsync(cancellationToken))!) continue;
            await using var analyze = new NpgsqlCommand($"ANALYZE {Identifiers.Quote(schema)}.{Identifiers.Quote(name)}", connection, transaction);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The columns of the table's primary key (none when it has none, or when it is deferrable and may hold duplicates).</summary>
    private static async Task<List<string>> PrimaryKeyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string table,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = key.attnum
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = @table AND k.contype = 'p' AND NOT k.condeferrable
            ORDER BY key.position
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var key = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) key.Add(reader.GetString(0));
        return key;
    }

    /// <summary>Whether every shared column has the same type in the table and in the backup's rows (binary images are comparable).</summary>
    private static Task<bool> SameTypesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string source, string backupRows,
        IReadOnlyList<string> common, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", common.Select(Identifiers.Quote));
        var same = string.Join(" AND ", common.Select(c => $"pg_typeof(c.{Identifiers.Quote(c)}) = pg_typeof(b.{Identifiers.Quote(c)})"));
        return ScalarAsync<bool>(connection, transaction, $"""
            SELECT {same} FROM (SELECT 1) o
            LEFT JOIN (SELECT {columns} FROM {source} LIMIT 0) c ON true
            LEFT JOIN (SELECT {columns} FROM ({backupRows}) s LIMIT 0) b ON true
            """, cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
