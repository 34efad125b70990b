using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// Writes one backup inside the caller's transaction on the tenant's shard, which must be REPEATABLE READ so that
/// all tables are copied at one moment while the tenant keeps writing. The backup schema is created in the same
/// transaction: a process killed half-way leaves no half-backup, the whole transaction disappears.
/// </summary>
internal static class BackupWriter
{
    public static async Task<(BackupManifest Manifest, long SizeBytes)> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, string module, string version,
        BackupType type, BackupFormat format, string backupSchema, BackupChain? parent, SideConnection sideConnection,
        Func<string, int, int, Task> progress, CancellationToken cancellationToken)
    {
        var tenantSchema = Identifiers.Quote(tenant.Schema);
        var target = Identifiers.Quote(backupSchema);
        var relations = await ModuleObjects.OfModuleAsync(connection, transaction, tenant.Schema, module, cancellationToken);
        if (relations.Count == 0)
            throw new InvalidInputException($"Module '{module}' owns no tables in tenant '{tenant.Key}': nothing to back up.");

        await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE SCHEMA {target}", cancellationToken);
        var structure = await ModuleStructureReader.ReadAsync(connection, transaction, tenant.Schema, relations, cancellationToken);
        var fingerprint = await SchemaFingerprint.ReadAsync(connection, transaction, tenant.Schema, relations, cancellationToken);
        var history = (await TenantHistory.ReadStateAsync(connection, transaction, tenant.Schema, cancellationToken)).Applied
            .Where(a => a.Module == module).Select(AppliedFile.From).ToList();

        if (format == BackupFormat.Snapshot)
        {
            // Built where a restore can swap it in: same names, indexes and constraints already in place.
            await SqlCommands.ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO {target}, {tenantSchema}", cancellationToken);
            foreach (var statement in structure.Create) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
        }

        // The checksums are read beside the copy (and a snapshot's index builds), from the same snapshot; a failure here
        // cancels them. The tables are locked first, as pg_dump does: a table rewrite (not MVCC-safe) cannot then slip in
        // between the checksum's read and the copy's, and both read the same table.
        var sources = structure.Tables.Select(shape => ($"{tenantSchema}.{Identifiers.Quote(shape.Name)}", shape.Name)).ToList();
        if (sources.Count > 0)
            await SqlCommands.ExecuteAsync(connection, transaction, $"LOCK TABLE {string.Join(", ", sources.Select(s => s.Item1))} IN ACCESS SHARE MODE", cancellationToken);
        var snapshotId = await ConcurrentChecksums.ExportSnapshotAsync(connection, transaction, cancellationToken);
        using var checksumsCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var checksums = ConcurrentChecksums.ReadAsync(sideConnection, snapshotId, sources, checksumsCancellation.Token);
        var stored = new List<Func<TableContent, BackupTable>>();
        var copied = false;
        try
        {
            for (var i = 0; i < structure.Tables.Count; i++)
            {
                var shape = structure.Tables[i];
                var identity = await RowVersions.TableIdentityAsync(connection, transaction, tenant.Schema, shape.Name, cancellationToken);
                stored.Add(type switch
                {
                    BackupType.SchemaOnly => content => new BackupTable(shape.Name, content.Rows, content.Checksum, "none", Identity: identity),
                    BackupType.Incremental when parent is not null && BackupChain.CanBeIncremental(shape, parent.Newest.Manifest, shape.Name) =>
                        await WriteIncrementAsync(connection, transaction, target, sources[i].Item1, shape, parent, identity, cancellationToken),
                    _ => await WriteFullAsync(connection, transaction, target, sources[i].Item1, shape, format, identity, cancellationToken),
                });
                await progress(shape.Name, i + 1, structure.Tables.Count);
            }
            if (format == BackupFormat.Snapshot) await BuildSnapshotIndexesAsync(connection, transaction, structure, tenantSchema, cancellationToken);
            copied = true;
        }
        finally
        {
            if (!copied)
            {
                await checksumsCancellation.CancelAsync();
                await ((Task)checksums).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        var contents = await checksums;
        var tables = stored.Select((complete, i) => complete(contents[i])).ToList();

        var (snapshotXmin, xid) = await RowVersions.ReadBackupMarksAsync(connection, transaction, cancellationToken);
        var manifest = new BackupManifest(format.ToText(), version, structure, tables, fingerprint.Objects, history, snapshotXmin, xid, TableContents.RowHash64);
        return (manifest, await SizeAsync(connection, transaction, backupSchema, cancellationToken));
    }

    /// <summary>Constraints, indexes and the rest of a snapshot, and its sequence positions (the checksums go on meanwhile).</summary>
    private static async Task BuildSnapshotIndexesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ModuleStructure structure,
        string tenantSchema, CancellationToken cancellationToken)
    {
        foreach (var statement in structure.AfterLoad) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
        foreach (var sequence in structure.Sequences)
            await SqlCommands.ExecuteAsync(connection, transaction, $"SELECT setval('{Identifiers.Quote(sequence.Name)}', {sequence.LastValue}, {sequence.IsCalled})", cancellationToken);
        await SqlCommands.ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO {tenantSchema}", cancellationToken);
    }

    private static async Task<Func<TableContent, BackupTable>> WriteFullAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string target,
        string source, TableShape shape, BackupFormat format, string? identity, CancellationToken cancellationToken)
    {
        var table = Identifiers.Quote(shape.Name);
        if (format == BackupFormat.Snapshot)
        {
            var columns = string.Join(", ", shape.Insertable.Select(Identifiers.Quote));
            var overriding = shape.HasIdentityAlways ? " OVERRIDING SYSTEM VALUE" : "";
            await SqlCommands.ExecuteAsync(connection, transaction, $"INSERT INTO {target}.{table} ({columns}){overriding} SELECT {columns} FROM {source}", cancellationToken);
        }
        else
        {
            await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE TABLE {target}.{table} AS SELECT * FROM {source}", cancellationToken);
        }
        return content => new BackupTable(shape.Name, content.Rows, content.Checksum, "full", Identity: identity);
    }

    private static async Task<Func<TableContent, BackupTable>> WriteIncrementAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string target, string source, TableShape shape, BackupChain parent, string? identity, CancellationToken cancellationToken)
    {
        var before = parent.StateSql(shape.Name)!;
        var keys = string.Join(", ", shape.PrimaryKey.Select(k => $"p.{Identifiers.Quote(k)}"));
        var join = string.Join(" AND ", shape.PrimaryKey.Select(k => $"c.{Identifiers.Quote(k)} = p.{Identifiers.Quote(k)}"));
        var added = Identifiers.Quote(BackupChain.AddedTable(shape.Name));
        var removed = Identifiers.Quote(BackupChain.RemovedTable(shape.Name));
        // Added: rows that are new or changed. Removed: keys of parent rows deleted or changed since.
        await SqlCommands.ExecuteAsync(connection, transaction, $"""
            CREATE TABLE {target}.{added} AS
            SELECT c.* FROM {source} c LEFT JOIN ({before}) p ON {join}
            WHERE p.{Identifiers.Quote(shape.PrimaryKey[0])} IS NULL OR c::text IS DISTINCT FROM p::text
            """, cancellationToken);
        await SqlCommands.ExecuteAsync(connection, transaction, $"""
            CREATE TABLE {target}.{removed} AS
            SELECT {keys} FROM ({before}) p LEFT JOIN {source} c ON {join}
            WHERE c.{Identifiers.Quote(shape.PrimaryKey[0])} IS NULL OR c::text IS DISTINCT FROM p::text
            """, cancellationToken);
        var addedRows = await CountAsync(connection, transaction, $"{target}.{added}", cancellationToken);
        var removedRows = await CountAsync(connection, transaction, $"{target}.{removed}", cancellationToken);
        return content => new BackupTable(shape.Name, content.Rows, content.Checksum, "incremental", addedRows, removedRows, identity);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> SizeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c WHERE c.relnamespace = to_regnamespace(@schema) AND c.relkind IN ('r', 'm')",
            connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
