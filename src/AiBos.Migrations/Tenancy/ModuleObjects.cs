using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>
/// Which relations (tables, views, materialized views, standalone sequences) belong to which module in a tenant
/// schema. A migration claims what it creates: the relations present after it ran that were not there before.
/// </summary>
public static class ModuleObjects
{
    private const string RelationsSql = """
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = to_regnamespace(@schema) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relname NOT LIKE 'aibos\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
        """;

    public static async Task<HashSet<string>> ReadRelationsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RelationsSql, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Claims the relations that appeared since <paramref name="before"/> for <paramref name="module"/>, and forgets dropped ones.</summary>
    public static async Task ClaimNewAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string module,
        IReadOnlySet<string> before, CancellationToken cancellationToken)
    {
        var after = await ReadRelationsAsync(connection, transaction, schema, cancellationToken);
        var table = $"{Identifiers.Quote(schema)}.{TenantBookkeeping.ObjectsTable}";
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {table} WHERE NOT (relation = ANY(@present));
            INSERT INTO {table} (relation, module) SELECT unnest(@created), @module ON CONFLICT (relation) DO NOTHING;
            """, connection, transaction);
        command.Parameters.AddWithValue("present", after.ToArray());
        command.Parameters.AddWithValue("created", after.Except(before).ToArray());
        command.Parameters.AddWithValue("module", module);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The relations a module owns in the schema, that still exist.</summary>
    public static async Task<List<string>> OfModuleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string module, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT o.relation FROM {Identifiers.Quote(schema)}.{TenantBookkeeping.ObjectsTable} o
            JOIN pg_class c ON c.relname = o.relation AND c.relnamespace = to_regnamespace(@schema)
            WHERE o.module = @module ORDER BY c.oid
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("module", module);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Replaces the module's claims with <paramref name="relations"/> (after a restore).</summary>
    public static async Task ReplaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string module,
        IReadOnlyList<string> relations, CancellationToken cancellationToken)
    {
        var table = $"{Identifiers.Quote(schema)}.{TenantBookkeeping.ObjectsTable}";
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {table} WHERE module = @module;
            INSERT INTO {table} (relation, module) SELECT unnest(@relations), @module ON CONFLICT (relation) DO UPDATE SET module = excluded.module;
            """, connection, transaction);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("relations", relations.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
