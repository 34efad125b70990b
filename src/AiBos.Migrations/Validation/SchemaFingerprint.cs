using System.Security.Cryptography;
using System.Text;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>
/// The structure of a tenant schema's module objects (tables, columns, constraints, indexes, sequences, views,
/// triggers, functions, comments), one definition per object, without the engine's bookkeeping tables.
/// Two schemas with equal <see cref="Hash"/> are structurally the same; <see cref="Diff"/> names what differs.
/// </summary>
public sealed record SchemaFingerprint(IReadOnlyDictionary<string, string> Objects)
{
    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Objects.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")))));

    /// <summary>Objects missing, unexpected or different in <paramref name="actual"/>, compared with this one.</summary>
    public IReadOnlyList<string> Diff(SchemaFingerprint actual)
    {
        var differences = new List<string>();
        foreach (var (name, definition) in Objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!actual.Objects.TryGetValue(name, out var other)) differences.Add($"missing {name}");
            else if (other != definition) differences.Add($"changed {name}: {definition} -> {other}");
        }
        foreach (var name in actual.Objects.Keys.Except(Objects.Keys).Order(StringComparer.Ordinal))
            differences.Add($"unexpected {name}: {actual.Objects[name]}");
        return differences;
    }

    public static Task<SchemaFingerprint> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, schema, null, cancellationToken);

    /// <summary>
    /// Reads the fingerprint of <paramref name="schema"/>; with <paramref name="relations"/>, only of those relations
    /// (a module's tables and views) with their columns, constraints, indexes, owned sequences and triggers.
    /// </summary>
    public static async Task<SchemaFingerprint> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        IReadOnlyCollection<string>? relations, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(Query, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("excluded", TenantBookkeeping.Tables.ToArray());
        command.Parameters.Add(new NpgsqlParameter("only", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)relations?.ToArray() ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The schema's own name is left out so that a copy in another schema compares equal.
            var definition = (reader.IsDBNull(1) ? "" : reader.GetString(1)).Replace(Identifiers.Quote(schema) + ".", "", StringComparison.Ordinal)
                .Replace(schema + ".", "", StringComparison.Ordinal);
            objects[reader.GetString(0)] = definition;
        }
        return new SchemaFingerprint(objects);
    }

    private const string Query = """
        WITH rels AS (
            SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND NOT (c.relname = ANY(@excluded))
              AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = c.oid AND t.relname = ANY(@excluded))
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                                                  WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND t.relname = ANY(@excluded)))
              AND (@only IS NULL OR c.relname = ANY(@only)
                   OR EXISTS (SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = c.oid AND t.relname = ANY(@only))
                   OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND t.relname = ANY(@only))))
        SELECT 'table ' || relname, relkind::text || coalesce(' ' || obj_description(oid, 'pg_class'), '')
        FROM rels WHERE relkind IN ('r', 'p')
        UNION ALL
        SELECT 'column ' || r.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
               || CASE WHEN a.attgenerated <> '' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid)
                       WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END
               || coalesce(' collate ' || NULLIF(co.collname, 'default'), '')
               || coalesce(' comment ' || col_description(r.oid, a.attnum), '')
               || ' #' || (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = r.oid AND b.attnum > 0 AND NOT b.attisdropped AND b.attnum <= a.attnum)
        FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0 AND co.collname <> 'default'
        WHERE r.relkind IN ('r', 'p', 'v', 'm')
        UNION ALL
        SELECT 'constraint ' || r.relname || '.' || con.conname, pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END
        FROM rels r JOIN pg_constraint con ON con.conrelid = r.oid
        UNION ALL
        SELECT 'index ' || r.relname, pg_get_indexdef(r.oid) || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
        FROM rels r JOIN pg_index i ON i.indexrelid = r.oid WHERE r.relkind IN ('i', 'I')
        UNION ALL
        SELECT 'sequence ' || r.relname, format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
               || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
        FROM rels r JOIN pg_sequence s ON s.seqrelid = r.oid
        UNION ALL
        SELECT 'view ' || relname, relkind::text || ' ' || pg_get_viewdef(oid) FROM rels WHERE relkind IN ('v', 'm')
        UNION ALL
        SELECT 'trigger ' || r.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
        FROM rels r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE @only IS NULL AND n.nspname = @schema AND p.prokind IN ('f', 'p')
        UNION ALL
        SELECT 'type ' || t.typname, t.typtype::text
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE @only IS NULL AND n.nspname = @schema AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
        """;
}
