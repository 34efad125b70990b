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

    /// <summary>
    /// Count and checksum of one table (or any row source): the sum of per-row hashes, independent of physical order
    /// and streamed by the server row by row.
    /// </summary>
    public static async Task<TableContent> ReadTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string source, string name,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text FROM {source} t
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TableContent(name, reader.GetInt64(0), reader.GetString(1));
    }
}
