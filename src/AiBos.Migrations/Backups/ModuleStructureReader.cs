using System.Text;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// Reads a module's structure from the PostgreSQL catalogs. Must run inside a transaction whose search_path is
/// pinned to the tenant schema (SET LOCAL), so that pg_get_*def output names the tenant's objects unqualified;
/// index and trigger definitions always name their table with its schema, which is removed here.
/// </summary>
internal static class ModuleStructureReader
{
    public static async Task<ModuleStructure> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyList<string> relations, CancellationToken cancellationToken)
    {
        var q = new Reader(connection, transaction, schema, relations.ToArray());
        var tables = await q.RowsAsync("SELECT c.relname FROM pg_class c WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels) AND c.relkind IN ('r', 'p') ORDER BY c.oid", r => r.GetString(0), cancellationToken);

        var create = new List<string>();
        var ownership = new List<string>();
        var sequences = new List<SequenceState>();
        // Standalone and serial sequences first: column defaults may call nextval() on them.
        foreach (var (name, definition, ownedBy) in await q.RowsAsync("""
            SELECT s.relname, format('CREATE SEQUENCE %I AS %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
                       s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache,
                       CASE WHEN q.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END),
                   (SELECT format('ALTER SEQUENCE %I OWNED BY %I.%I', s.relname, t.relname, a.attname)
                    FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'a')
            FROM pg_class s JOIN pg_sequence q ON q.seqrelid = s.oid
            WHERE s.relnamespace = to_regnamespace(@schema)
              AND (s.relname = ANY(@rels) OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                                                      WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'a' AND t.relname = ANY(@rels)))
            ORDER BY s.oid
            """, r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken))
        {
            create.Add(definition);
            if (ownedBy is not null) ownership.Add(ownedBy);
            sequences.Add(await q.SequenceStateAsync(name, cancellationToken));
        }

        var shapes = new List<TableShape>();
        foreach (var table in tables)
        {
            var (statement, shape, identitySequences) = await CreateTableAsync(q, table, cancellationToken);
            create.Add(statement);
            shapes.Add(shape);
            foreach (var sequence in identitySequences) sequences.Add(await q.SequenceStateAsync(sequence, cancellationToken));
        }

        return new ModuleStructure
        {
            Relations = relations,
            Tables = shapes,
            Create = create,
            Constraints = await q.RowsAsync("""
                SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels) AND c.contype IN ('p', 'u', 'c', 'x')
                ORDER BY t.oid, c.contype = 'c', c.oid
                """, r => r.GetString(0), cancellationToken),
            Indexes = await q.RowsAsync("""
                SELECT replace(replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ' || quote_ident(@schema) || '.', ' ON ONLY '), ' ON ' || quote_ident(@schema) || '.', ' ON ')
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels) AND i.indisvalid
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
                ORDER BY i.indexrelid
                """, r => r.GetString(0), cancellationToken),
            ForeignKeys = await q.RowsAsync("""
                SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels) AND c.contype = 'f'
                ORDER BY t.oid, c.oid
                """, r => r.GetString(0), cancellationToken),
            SequenceOwnership = ownership,
            Triggers = await q.RowsAsync("""
                SELECT replace(pg_get_triggerdef(g.oid), ' ON ' || quote_ident(@schema) || '.', ' ON ') || CASE g.tgenabled WHEN 'D' THEN format('; ALTER TABLE %I DISABLE TRIGGER %I', t.relname, g.tgname) ELSE '' END
                FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
                WHERE t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels) AND NOT g.tgisinternal
                ORDER BY g.oid
                """, r => r.GetString(0), cancellationToken),
            Views = await q.RowsAsync("""
                SELECT format('CREATE %sVIEW %I%s AS %s', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED ' ELSE '' END, v.relname,
                              coalesce(' WITH (' || array_to_string(v.reloptions, ', ') || ')', ''), rtrim(pg_get_viewdef(v.oid), ';'))
                FROM pg_class v WHERE v.relnamespace = to_regnamespace(@schema) AND v.relname = ANY(@rels) AND v.relkind IN ('v', 'm')
                ORDER BY v.oid
                """, r => r.GetString(0), cancellationToken),
            Comments = await q.RowsAsync("""
                SELECT format('COMMENT ON %s %I IS %L', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END,
                              c.relname, d.description)
                FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                WHERE c.relnamespace = to_regnamespace(@schema)
                  AND (c.relname = ANY(@rels) OR EXISTS (SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = c.oid AND t.relname = ANY(@rels)))
                UNION ALL
                SELECT format('COMMENT ON COLUMN %I.%I IS %L', c.relname, a.attname, d.description)
                FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
                WHERE d.objsubid > 0 AND c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels)
                UNION ALL
                SELECT format('COMMENT ON CONSTRAINT %I ON %I IS %L', k.conname, c.relname, d.description)
                FROM pg_description d JOIN pg_constraint k ON k.oid = d.objoid AND d.classoid = 'pg_constraint'::regclass
                JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels)
                """, r => r.GetString(0), cancellationToken),
            Privileges = await q.RowsAsync("""
                SELECT format('ALTER %s %I OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                              c.relname, pg_get_userbyid(c.relowner))
                FROM pg_class c WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels) AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
                UNION ALL
                SELECT format('GRANT %s ON %s %I TO %s%s', a.privilege_type, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname,
                              CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                              CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
                FROM pg_class c, aclexplode(c.relacl) a
                WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels) AND a.grantee <> c.relowner
                """, r => r.GetString(0), cancellationToken),
            Sequences = sequences,
        };
    }

    private static async Task<(string Statement, TableShape Shape, List<string> IdentitySequences)> CreateTableAsync(Reader q, string table, CancellationToken cancellationToken)
    {
        var columns = await q.RowsAsync("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text, a.attgenerated::text,
                   pg_get_expr(d.adbin, d.adrelid), CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(collname) FROM pg_collation WHERE oid = a.attcollation) END,
                   (SELECT format('SEQUENCE NAME %I START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s', s.relname, q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache,
                                  CASE WHEN q.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END) || '|' || s.relname
                    FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid JOIN pg_sequence q ON q.seqrelid = s.oid
                    WHERE dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' AND dep.classid = 'pg_class'::regclass)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = @table AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetBoolean(2), Identity: r.GetString(3), Generated: r.GetString(4),
                       Default: r.IsDBNull(5) ? null : r.GetString(5), Collation: r.IsDBNull(6) ? null : r.GetString(6), IdentitySequence: r.IsDBNull(7) ? null : r.GetString(7)),
            cancellationToken, ("table", table));
        var (persistence, options) = (await q.RowsAsync(
            "SELECT c.relpersistence::text, coalesce(' WITH (' || array_to_string(c.reloptions, ', ') || ')', '') FROM pg_class c WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = @table",
            r => (r.GetString(0), r.GetString(1)), cancellationToken, ("table", table))).Single();
        var primaryKey = await q.RowsAsync("""
            SELECT a.attname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = key.attnum
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = @table AND k.contype = 'p' ORDER BY key.position
            """, r => r.GetString(0), cancellationToken, ("table", table));

        var sql = new StringBuilder($"CREATE {(persistence == "u" ? "UNLOGGED " : "")}TABLE {Identifiers.Quote(table)} (");
        var identitySequences = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            sql.Append(i == 0 ? "\n    " : ",\n    ").Append(Identifiers.Quote(c.Name)).Append(' ').Append(c.Type);
            if (c.Collation is not null) sql.Append(" COLLATE ").Append(c.Collation);
            if (c.Generated == "s") sql.Append(" GENERATED ALWAYS AS (").Append(c.Default).Append(") STORED");
            else if (c.Identity is "a" or "d" && c.IdentitySequence is { } identity)
            {
                var parts = identity.Split('|');
                identitySequences.Add(parts[1]);
                sql.Append(c.Identity == "a" ? " GENERATED ALWAYS AS IDENTITY (" : " GENERATED BY DEFAULT AS IDENTITY (").Append(parts[0]).Append(')');
            }
            else if (c.Default is not null) sql.Append(" DEFAULT ").Append(c.Default);
            if (c.NotNull) sql.Append(" NOT NULL");
        }
        sql.Append("\n)").Append(options);
        var shape = new TableShape(table, columns.Select(c => c.Name).ToList(), columns.Where(c => c.Generated != "s").Select(c => c.Name).ToList(),
            primaryKey, columns.Any(c => c.Identity == "a"))
        {
            Signature = string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}{(c.Generated == "s" ? " generated" : "")}")),
        };
        return (sql.ToString(), shape, identitySequences);
    }

    private sealed class Reader(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string[] relations)
    {
        public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("rels", relations);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
            return rows;
        }

        public async Task<SequenceState> SequenceStateAsync(string sequence, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"SELECT last_value, is_called FROM {Identifiers.Quote(schema)}.{Identifiers.Quote(sequence)}", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new SequenceState(sequence, reader.GetInt64(0), reader.GetBoolean(1));
        }
    }
}
