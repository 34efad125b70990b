using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// Restores a module's relations from a backup inside the caller's transaction. The replacement is built beside
/// the tenant (a staging schema, or the snapshot itself), swapped in with DROP + SET SCHEMA, and verified against the
/// manifest before the transaction commits: a failure or a killed process leaves the tenant as it was.
/// </summary>
internal static class BackupRestorer
{
    /// <summary>
    /// What a restore would discard, read in one REPEATABLE READ transaction: the tables are counted at one moment, and
    /// a count split over two statements (<see cref="RestoreDiff"/>) stays exact.
    /// </summary>
    public static async Task<RestorePreview> PreviewAsync(NpgsqlConnection connection, Tenant tenant, string module, BackupChain chain,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var preview = await PreviewAsync(connection, transaction, tenant, module, chain, cancellationToken);
        await transaction.CommitAsync(cancellationToken); // keeps the statistics an ANALYZE of a backup table gathered
        return preview;
    }

    private static async Task<RestorePreview> PreviewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, string module,
        BackupChain chain, CancellationToken cancellationToken)
    {
        var manifest = chain.Newest.Manifest;
        var current = await ModuleObjects.OfModuleAsync(connection, transaction, tenant.Schema, module, cancellationToken);
        var currentTables = await TableColumnsAsync(connection, transaction, tenant.Schema, current, cancellationToken);
        var previews = new List<RestoreTablePreview>();
        foreach (var (table, columns) in currentTables)
        {
            var stored = manifest.Tables.FirstOrDefault(t => t.Name == table);
            var backupRows = stored is null || stored.Storage == "none" ? 0 : stored.Rows;
            var shape = manifest.Structure.Tables.FirstOrDefault(t => t.Name == table);
            long currentRows, discarded;
            if (stored is not null && stored.Storage != "none" && shape is not null
                && await RestoreDiff.CountByKeyAsync(connection, transaction, tenant.Schema, table, columns, shape, chain,
                    await RowVersions.UnchangedBeforeAsync(connection, transaction, tenant.Schema, stored, manifest, cancellationToken), cancellationToken) is { } keyed)
                (currentRows, discarded) = keyed;
            else
            {
                var source = $"{Identifiers.Quote(tenant.Schema)}.{Identifiers.Quote(table)}";
                var now = await TableContents.ReadTableAsync(connection, transaction, source, table, manifest.ChecksumFormat, cancellationToken);
                currentRows = now.Rows;
                if (stored is null || stored.Storage == "none") discarded = now.Rows;
                else if (stored.Checksum == now.Checksum && stored.Rows == now.Rows) discarded = 0;
                else discarded = await RestoreDiff.CountByTextAsync(connection, transaction, tenant.Schema, table, columns,
                    shape ?? manifest.Structure.Tables.Single(t => t.Name == table), chain, cancellationToken);
            }
            previews.Add(new RestoreTablePreview(table, currentRows, backupRows, discarded));
        }
        foreach (var stored in manifest.Tables.Where(t => !currentTables.ContainsKey(t.Name)))
            previews.Add(new RestoreTablePreview(stored.Name, 0, stored.Storage == "none" ? 0 : stored.Rows, 0));

        var state = await TenantHistory.ReadStateAsync(connection, transaction, tenant.Schema, cancellationToken);
        return new RestorePreview(chain.Newest.Id, tenant.Key, module, state.VersionOf(module).ToString(), manifest.ModuleVersion,
            previews.OrderBy(p => p.Table, StringComparer.Ordinal).ToList(), current.Except(manifest.Structure.Relations).ToList());
    }

    /// <summary>
    /// Replaces the module's relations with the backup's; returns what was verified. With <paramref name="maxDiscarded"/>,
    /// the module's tables are locked before anything is replaced and what would be discarded is counted again: rows
    /// the tenant wrote after the preview that was confirmed (or needed no confirmation) stop the restore, with nothing
    /// changed, instead of being discarded unseen; that count, made under the lock, is what the restore discards and is
    /// returned as <see cref="RestoreResult.Discarded"/>.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, string module,
        BackupChain chain, Guid historyRunId, bool historyIsUndo, CancellationToken cancellationToken, long? maxDiscarded = null)
    {
        var manifest = chain.Newest.Manifest;
        var structure = manifest.Structure;
        var tenantSchema = Identifiers.Quote(tenant.Schema);
        var swapFromSnapshot = manifest.Format == "snapshot" && chain.Backups.Count == 1;
        var staging = swapFromSnapshot ? chain.Newest.Schema : $"aibos_rs_{Guid.NewGuid():N}";
        var stagingSchema = Identifiers.Quote(staging);

        if (!swapFromSnapshot)
        {
            await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE SCHEMA {stagingSchema}; SET LOCAL search_path TO {stagingSchema}, {tenantSchema}", cancellationToken);
            foreach (var statement in structure.Create) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
            foreach (var shape in structure.Tables)
            {
                if (chain.StateSql(shape.Name) is not { } rows) continue;
                var columns = string.Join(", ", shape.Insertable.Select(Identifiers.Quote));
                var overriding = shape.HasIdentityAlways ? " OVERRIDING SYSTEM VALUE" : "";
                await SqlCommands.ExecuteAsync(connection, transaction, $"INSERT INTO {Identifiers.Quote(shape.Name)} ({columns}){overriding} SELECT {columns} FROM ({rows}) s", cancellationToken);
            }
            foreach (var statement in structure.AfterLoad) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
            foreach (var sequence in structure.Sequences)
                await SqlCommands.ExecuteAsync(connection, transaction, $"SELECT setval('{Identifiers.Quote(sequence.Name)}', {sequence.LastValue}, {sequence.IsCalled})", cancellationToken);
        }

        var discarded = maxDiscarded is { } allowed ? await CheckNothingNewAsync(connection, transaction, tenant, module, chain, allowed, cancellationToken) : null;

        // Objects of other modules that hang on this module's relations are dropped by CASCADE: keep their DDL.
        await SqlCommands.ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO {tenantSchema}", cancellationToken);
        var current = await ModuleObjects.OfModuleAsync(connection, transaction, tenant.Schema, module, cancellationToken);
        var dependents = await OutsideDependentsAsync(connection, transaction, tenant.Schema, current, cancellationToken);
        foreach (var (name, kind) in await KindsAsync(connection, transaction, tenant.Schema, current, cancellationToken))
            await SqlCommands.ExecuteAsync(connection, transaction, $"DROP {DropKind(kind)} IF EXISTS {tenantSchema}.{Identifiers.Quote(name)} CASCADE", cancellationToken);
        foreach (var (name, kind) in await KindsAsync(connection, transaction, staging, structure.Relations, cancellationToken))
            await SqlCommands.ExecuteAsync(connection, transaction, $"ALTER {DropKind(kind)} {stagingSchema}.{Identifiers.Quote(name)} SET SCHEMA {tenantSchema}", cancellationToken);
        foreach (var statement in dependents) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);

        await ModuleObjects.ReplaceAsync(connection, transaction, tenant.Schema, module, structure.Relations, cancellationToken);
        await RestoreHistoryAsync(connection, transaction, tenant.Schema, module, manifest, historyRunId, historyIsUndo, cancellationToken);
        var verified = await RestoreVerifier.VerifyAsync(connection, transaction, tenant.Schema, manifest, swapFromSnapshot, cancellationToken);
        await SqlCommands.ExecuteAsync(connection, transaction, $"DROP SCHEMA {stagingSchema} CASCADE", cancellationToken);
        return new RestoreResult(verified, discarded);
    }

    // Locks the module's tables (the restore drops them anyway, so nobody may write in between) and counts again.
    private static async Task<RestorePreview> CheckNothingNewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, string module,
        BackupChain chain, long allowed, CancellationToken cancellationToken)
    {
        var current = await ModuleObjects.OfModuleAsync(connection, transaction, tenant.Schema, module, cancellationToken);
        var tables = (await TableColumnsAsync(connection, transaction, tenant.Schema, current, cancellationToken)).Keys.ToList();
        if (tables.Count > 0)
            await SqlCommands.ExecuteAsync(connection, transaction,
                $"LOCK TABLE {string.Join(", ", tables.Select(t => $"{Identifiers.Quote(tenant.Schema)}.{Identifiers.Quote(t)}"))} IN ACCESS EXCLUSIVE MODE", cancellationToken);
        var now = await PreviewAsync(connection, transaction, tenant, module, chain, cancellationToken);
        if (now.RowsDiscarded > allowed)
            throw new InvalidInputException(
                $"{now.RowsDiscarded - allowed} more row(s) of {module} were written after the restore's preview and would be discarded; nothing was restored. Preview the restore again and confirm.");
        return now;
    }

    /// <summary>Brings the tenant's history and version of the module back to what they were at the backup.</summary>
    private static async Task RestoreHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string module,
        BackupManifest manifest, Guid runId, bool isUndo, CancellationToken cancellationToken)
    {
        var state = await TenantHistory.ReadStateAsync(connection, transaction, schema, cancellationToken);
        var applied = state.Applied.Where(a => a.Module == module).ToList();
        foreach (var entry in Enumerable.Reverse(applied).Where(a => !manifest.History.Any(h => h.FileName == a.FileName)))
            await TenantHistory.AppendAsync(connection, transaction, schema, module, entry.Version, entry.FileName, entry.Checksum, "down", isUndo, runId, 0, cancellationToken);
        foreach (var file in manifest.History.Where(h => !applied.Any(a => a.FileName == h.FileName)))
            await TenantHistory.AppendAsync(connection, transaction, schema, module, file.Version, file.FileName, file.Checksum, "up", isUndo, runId, 0, cancellationToken);
        await TenantHistory.SetVersionAsync(connection, transaction, schema, module, Registry.SemanticVersion.Parse(manifest.ModuleVersion), runId, cancellationToken);
    }

    private static async Task<List<string>> OutsideDependentsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyList<string> relations, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT v.oid::bigint, format('CREATE %sVIEW %I AS %s', CASE v.relkind WHEN 'm' THEN 'MATERIALIZED ' ELSE '' END, v.relname, rtrim(pg_get_viewdef(v.oid), ';'))
            FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class JOIN pg_class t ON t.oid = d.refobjid
            WHERE d.classid = 'pg_rewrite'::regclass AND t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels)
              AND v.oid <> t.oid AND v.relnamespace = to_regnamespace(@schema) AND NOT (v.relname = ANY(@rels))
            UNION ALL
            SELECT c.oid::bigint + 4294967296, format('ALTER TABLE %I ADD CONSTRAINT %I %s', s.relname, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
            WHERE c.contype = 'f' AND t.relnamespace = to_regnamespace(@schema) AND t.relname = ANY(@rels) AND NOT (s.relname = ANY(@rels))
            ORDER BY 1
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("rels", relations.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statements = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) statements.Add(reader.GetString(1));
        return statements;
    }

    /// <summary>The relations' kinds, views first, then tables, then sequences (the order in which they can be dropped or moved).</summary>
    private static async Task<List<(string Name, char Kind)>> KindsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyList<string> relations, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT relname, relkind FROM pg_class WHERE relnamespace = to_regnamespace(@schema) AND relname = ANY(@rels)
            ORDER BY CASE relkind WHEN 'm' THEN 0 WHEN 'v' THEN 1 WHEN 'r' THEN 2 WHEN 'p' THEN 2 ELSE 3 END, oid DESC
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("rels", relations.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var kinds = new List<(string, char)>();
        while (await reader.ReadAsync(cancellationToken)) kinds.Add((reader.GetString(0), reader.GetChar(1)));
        return kinds;
    }

    private static async Task<Dictionary<string, List<string>>> TableColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        IReadOnlyList<string> relations, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels) AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("rels", relations.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!tables.TryGetValue(reader.GetString(0), out var columns)) tables[reader.GetString(0)] = columns = [];
            columns.Add(reader.GetString(1));
        }
        return tables;
    }

    private static string DropKind(char kind) => kind switch
    {
        'v' => "VIEW",
        'm' => "MATERIALIZED VIEW",
        'S' => "SEQUENCE",
        _ => "TABLE",
    };
}

/// <summary>What a restore verified, and what it discarded as counted under its lock (null when it did not count again).</summary>
public sealed record RestoreResult(IReadOnlyList<string> Verified, RestorePreview? Discarded);
