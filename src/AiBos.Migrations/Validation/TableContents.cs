using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>Row count and an order-independent content checksum of one table.</summary>
public sealed record TableContent(string Table, long Rows, string Checksum);

/// <summary>Reads the content checksums of a schema's module tables (the engine's bookkeeping tables excluded).</summary>
public static class TableContents
{
    public static Task<IReadOnlyList<TableContent>> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, schema, null, cancellationToken);

    /// <summary>Every module table of the schema, or only <paramref name="tables"/> when given.</summary>
    public static async Task<IReadOnlyList<TableContent>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        IReadOnlyCollection<string>? tables, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY(@excluded))
              AND (@only IS NULL OR c.relname = ANY(@only)) ORDER BY c.relname
            """, connection, transaction))
        {
            list.Parameters.AddWithValue("schema", schema);
            list.Parameters.AddWithValue("excluded", TenantBookkeeping.Tables.ToArray());
            list.Parameters.Add(new NpgsqlParameter("only", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)tables?.ToArray() ?? DBNull.Value });
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        }

        var contents = new List<TableContent>();
        foreach (var table in names)
            contents.Add(await ReadTableAsync(connection, transaction, $"{Identifiers.Quote(schema)}.{Identifiers.Quote(table)}", table, cancellationToken));
        return contents;
    }

    /// <summary>The current checksum format, as recorded in backup manifests; a manifest without one has md5-based checksums.</summary>
    public const string RowHash64 = "row-hash-64";

    /// <summary>
    /// Count and checksum of one table (or any row source): the sum of a 64-bit hash of each row's text, independent of
    /// physical order and streamed by the server row by row. The sum is exact (numeric), not modular, and covers the
    /// multiset of rows: a changed, added (also a duplicate), deleted or swapped value changes it unless 64-bit hashes
    /// collide by chance (about 2^-64 per change), which is why the row count is compared beside it. Each hash is
    /// counted as unsigned (2^63 is added per row, once for all at the end) so that the checksum stays a plain
    /// non-negative number. The row text is hashed as bytes (COLLATE "C"): about half the cost of the md5 of every row
    /// that it replaces.
    /// </summary>
    public static Task<TableContent> ReadTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string source, string name,
        CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, name, $"""
            SELECT count(*), (coalesce(sum(hashtextextended(t::text COLLATE "C", 0)), 0) + count(*) * 9223372036854775808::numeric)::text FROM {source} t
            """, cancellationToken);

    /// <summary>Count and checksum in <paramref name="format"/> (<see cref="RowHash64"/>, or null for the earlier md5-based one).</summary>
    public static Task<TableContent> ReadTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string source, string name,
        string? format, CancellationToken cancellationToken) =>
        format == RowHash64
            ? ReadTableAsync(connection, transaction, source, name, cancellationToken)
            : QueryAsync(connection, transaction, name, $"""
                SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text FROM {source} t
                """, cancellationToken);

    private static async Task<TableContent> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TableContent(name, reader.GetInt64(0), reader.GetString(1));
    }
}
