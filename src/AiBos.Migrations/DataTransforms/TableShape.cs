using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.DataTransforms;

/// <summary>A column as the data step needs it: its SQL type and whether an insert may leave it out.</summary>
public sealed record TableColumn(string Name, string Type, bool NotNull, bool HasDefault, bool Generated);

/// <summary>The columns and primary key of one table, read from the database.</summary>
public sealed record TableShape(string Table, IReadOnlyList<TableColumn> Columns, IReadOnlyList<string> PrimaryKey)
{
    public TableColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The table's shape, or null when <paramref name="schema"/> has no such table.</summary>
    public static async Task<TableShape?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string table,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.atthasdef OR a.attidentity = 'd', a.attgenerated <> '' OR a.attidentity = 'a',
                   coalesce((SELECT k.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) WHERE k.attnum = a.attnum), 0)::int
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE n.nspname = @schema AND c.relname = @table AND c.relkind IN ('r', 'p')
            ORDER BY a.attnum
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<TableColumn>();
        var key = new SortedList<int, string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(new TableColumn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
                if (reader.GetInt32(5) is > 0 and var position) key.Add(position, reader.GetString(0));
            }
        return columns.Count == 0 ? null : new TableShape(table, columns, key.Values.ToList());
    }

    public string Quoted => Identifiers.Quote(Table);
}
