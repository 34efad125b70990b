using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>Row count and an order-independent content checksum of one table.</summary>
public sealed record TableContent(string Table, long Rows, string Checksum);

/// <summary>Reads the content checksums of a schema's module tables (the engine's bookkeeping tables excluded).</summary>
public static class TableContents
{
    public static async Task<IReadOnlyList<TableContent>> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY(@excluded)) ORDER BY c.relname
            """, connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            list.Parameters.AddWithValue("excluded", TenantBookkeeping.Tables.ToArray());
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
        }

        var contents = new List<TableContent>();
        foreach (var table in tables)
        {
            // Sum of per-row hashes: independent of physical order, and streamed by the server row by row.
            await using var command = new NpgsqlCommand($"""
                SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text
                FROM {Identifiers.Quote(schema)}.{Identifiers.Quote(table)} t
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            contents.Add(new TableContent(table, reader.GetInt64(0), reader.GetString(1)));
        }
        return contents;
    }
}
