using System.Diagnostics;
using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// The seed's backup API: create, list, restore (with a preview of what would be discarded) and cleanup. Backups
/// live on the tenant's shard, one schema per backup; the catalog keeps their manifests.
/// </summary>
public sealed class BackupService(
    CatalogDatabase catalog, TenantService tenants, ShardConnections shards, RunContextFactory contexts,
    IOptions<BackupOptions> options, AuditLog audit, ILogger<BackupService> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Backs up a tenant's module (the seed's <c>createMigrationBackup</c>); <paramref name="version"/> must be the tenant's current one.</summary>
    public async Task<BackupInfo> CreateMigrationBackupAsync(string tenantKey, string module, string? version, BackupType type,
        BackupFormat format, string? actor, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, contexts.Settings.TenantLockWait, cancellationToken)
            ?? throw new TenantBusyException(tenant.Key);
        var sql = contexts.CreateSql(session, module, Guid.Empty);
        return await CreateAsync(session, sql, module, version, type, format, runId: null, actor, (_, _, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>The backup step of a run: with the run's session and lock.</summary>
    internal Task<BackupInfo> CreateForRunAsync(RunContext context, BackupType type, CancellationToken cancellationToken) =>
        CreateAsync(context.Session, context.Sql, context.Module, context.Plan.From.ToString(), type, options.Value.RunBackupFormat, context.RunId,
            context.Options.RequestedBy, (table, done, total) => context.ReportProgressAsync(done, total, $"Copied {table}", cancellationToken), cancellationToken);

    private async Task<BackupInfo> CreateAsync(TenantSession session, TenantSql sql, string module, string? version, BackupType type, BackupFormat format,
        Guid? runId, string? actor, Func<string, int, int, Task> progress, CancellationToken cancellationToken)
    {
        var tenant = session.Tenant;
        var state = await TenantHistory.ReadStateAsync(session.Connection, tenant.Schema, cancellationToken);
        var current = state.VersionOf(module);
        if (current.IsNone) throw new InvalidInputException($"Module '{module}' is not installed on tenant '{tenant.Key}': nothing to back up.");
        if (version is not null && Registry.SemanticVersion.Parse(version) != current)
            throw new InvalidInputException($"Tenant '{tenant.Key}' is at version {current} of '{module}', not {version}.");
        if (type == BackupType.Incremental && format == BackupFormat.Snapshot)
            throw new InvalidInputException("An incremental backup is kept as a copy; a snapshot is always full.");
        var parent = type == BackupType.Incremental ? await LatestChainAsync(tenant.Key, module, cancellationToken) : null;
        if (type == BackupType.Incremental && parent is null)
            throw new InvalidInputException($"An incremental backup needs a full backup of '{module}' for tenant '{tenant.Key}' first.");

        var id = Guid.CreateVersion7();
        var row = new MigrationBackupRow
        {
            Id = id, TenantKey = tenant.Key, Module = module, Version = current.ToString(), Type = type.ToText(), Status = BackupStatus.Creating,
            ParentId = parent?.Newest.Id, RunId = runId, BackupSchema = $"aibos_bk_{id:N}", CreatedBy = actor ?? Environment.UserName,
            CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow + options.Value.Retention,
        };
        await using (var db = catalog.CreateContext())
        {
            db.MigrationBackups.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var (manifest, size) = await sql.InTransactionAsync("backup", async (connection, transaction, ct) =>
            {
                await using (var isolation = new NpgsqlCommand("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", connection, transaction))
                    await isolation.ExecuteNonQueryAsync(ct);
                return await BackupWriter.WriteAsync(connection, transaction, tenant, module, current.ToString(), type, format, row.BackupSchema!, parent,
                    new SideConnection(sideCt => shards.OpenAsync(tenant.Shard, sideCt), sql.LockTimeout), progress, ct);
            }, cancellationToken);
            await UpdateAsync(id, r => { r.Status = BackupStatus.Ready; r.Manifest = JsonSerializer.Serialize(manifest, Json); r.SizeBytes = size; }, cancellationToken);
            logger.BackupCreated(id, tenant.Key, module, type.ToText(), size, watch.ElapsedMilliseconds);
            await audit.WriteAsync("backup.created", new { backup = id, type = type.ToText(), format = format.ToText(), size }, tenant.Key, module, runId, actor, cancellationToken);
            return await GetBackupAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await UpdateAsync(id, r => r.Status = BackupStatus.Failed, CancellationToken.None);
            throw;
        }
    }

    public async Task<BackupInfo> GetBackupAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.MigrationBackups.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Backup {id} does not exist: list backups with list-backups.");
        return ToInfo(row);
    }

    public async Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string? tenant, string? module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var query = db.MigrationBackups.AsNoTracking().Where(b => b.Status != BackupStatus.Deleted);
        if (tenant is not null) query = query.Where(b => b.TenantKey == tenant);
        if (module is not null) query = query.Where(b => b.Module == module);
        var rows = await query.OrderByDescending(b => b.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(ToInfo).ToList();
    }

    /// <summary>What restoring the backup would discard, without changing anything.</summary>
    public async Task<RestorePreview> PreviewRestoreAsync(Guid backupId, CancellationToken cancellationToken)
    {
        var (row, chain) = await LoadRestorableAsync(backupId, cancellationToken);
        var tenant = await tenants.GetTenantAsync(row.TenantKey, cancellationToken);
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        return await BackupRestorer.PreviewAsync(connection, tenant, row.Module, chain, cancellationToken);
    }

    /// <summary>
    /// Restores a backup (the seed's <c>restore-backup -i</c>). When rows would be discarded and
    /// <paramref name="confirmDiscard"/> is false, nothing changes and the preview is returned for confirmation.
    /// </summary>
    public async Task<RestoreOutcome> RestoreBackupAsync(Guid backupId, bool confirmDiscard, string? actor, CancellationToken cancellationToken)
    {
        var (row, chain) = await LoadRestorableAsync(backupId, cancellationToken);
        var tenant = await tenants.GetTenantAsync(row.TenantKey, cancellationToken);
        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, contexts.Settings.TenantLockWait, cancellationToken)
            ?? throw new TenantBusyException(tenant.Key);
        var preview = await BackupRestorer.PreviewAsync(session.Connection, tenant, row.Module, chain, cancellationToken);
        if (preview.RowsDiscarded > 0 && !confirmDiscard) return new RestoreNeedsConfirmation(preview);
        // Unconfirmed, nothing may be discarded; confirmed, no more than the preview showed.
        var outcome = await RestoreAsync(contexts.CreateSql(session, row.Module, backupId), tenant, row, chain, preview, Guid.CreateVersion7(), historyIsUndo: false,
            cancellationToken, maxDiscarded: preview.RowsDiscarded);
        await audit.WriteAsync("backup.restored", new { backup = backupId, discarded = outcome.Preview.RowsDiscarded }, tenant.Key, row.Module, null, actor, cancellationToken);
        return outcome;
    }

    /// <summary>Restores the backup a run took, as the run's rollback (the run holds the tenant's lock).</summary>
    internal async Task<Restored> RestoreForRunAsync(RunContext context, Guid backupId, CancellationToken cancellationToken)
    {
        var (row, chain) = await LoadRestorableAsync(backupId, cancellationToken);
        var preview = await BackupRestorer.PreviewAsync(context.Session.Connection, context.Tenant, row.Module, chain, cancellationToken);
        return await RestoreAsync(context.Sql, context.Tenant, row, chain, preview, context.UndoRunId, historyIsUndo: true, cancellationToken);
    }

    /// <summary>The newest usable backup a run took, if any (schema-only backups cannot bring rows back).</summary>
    internal async Task<Guid?> FindRunBackupAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.MigrationBackups.AsNoTracking()
            .Where(b => b.RunId == runId && b.Status == BackupStatus.Ready && b.Type != "schema-only")
            .OrderByDescending(b => b.CreatedAt).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<Restored> RestoreAsync(TenantSql sql, Tenant tenant, MigrationBackupRow row, BackupChain chain, RestorePreview preview,
        Guid historyRunId, bool historyIsUndo, CancellationToken cancellationToken, long? maxDiscarded = null)
    {
        var watch = Stopwatch.StartNew();
        var result = await sql.InTransactionAsync("restore", (connection, transaction, ct) =>
            BackupRestorer.RestoreAsync(connection, transaction, tenant, row.Module, chain, historyRunId, historyIsUndo, ct, maxDiscarded), cancellationToken);
        if (chain.Newest.Manifest.Format == "snapshot" && chain.Backups.Count == 1)
            await UpdateAsync(row.Id, r => r.Status = BackupStatus.Consumed, CancellationToken.None);
        // The count made under the restore's lock is what was discarded; the preview's may be older.
        var discarded = result.Discarded ?? preview;
        logger.BackupRestored(row.Id, tenant.Key, row.Module, discarded.RowsDiscarded, watch.ElapsedMilliseconds);
        return new Restored(discarded, watch.Elapsed, result.Verified);
    }

    private async Task<(MigrationBackupRow Row, BackupChain Chain)> LoadRestorableAsync(Guid backupId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.MigrationBackups.AsNoTracking().SingleOrDefaultAsync(b => b.Id == backupId, cancellationToken)
            ?? throw new NotFoundException($"Backup {backupId} does not exist: list backups with list-backups.");
        if (row.Status != BackupStatus.Ready)
            throw new InvalidInputException($"Backup {backupId} is {row.Status}, not ready: it cannot be restored.");
        var chain = new List<StoredBackup>();
        for (var current = row; current is not null;)
        {
            if (current.Status != BackupStatus.Ready)
                throw new InvalidInputException($"Backup {backupId} builds on backup {current.Id}, which is {current.Status}: the chain cannot be restored.");
            chain.Add(ToStored(current));
            var parentId = current.ParentId;
            current = parentId is null ? null : await db.MigrationBackups.AsNoTracking().SingleOrDefaultAsync(b => b.Id == parentId, cancellationToken);
            if (parentId is not null && current is null) throw new InvalidInputException($"Backup {backupId} builds on backup {parentId}, which no longer exists.");
        }
        return (row, new BackupChain(chain));
    }

    private async Task<BackupChain?> LatestChainAsync(string tenant, string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var latest = await db.MigrationBackups.AsNoTracking()
            .Where(b => b.TenantKey == tenant && b.Module == module && b.Status == BackupStatus.Ready && b.Type != "schema-only")
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : (await LoadRestorableAsync(latest.Id, cancellationToken)).Chain;
    }

    private async Task UpdateAsync(Guid id, Action<MigrationBackupRow> change, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.MigrationBackups.SingleAsync(b => b.Id == id, cancellationToken);
        change(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static StoredBackup ToStored(MigrationBackupRow row) =>
        new(row.Id, row.BackupSchema!, JsonSerializer.Deserialize<BackupManifest>(row.Manifest, Json)!, row.ParentId);

    private static BackupInfo ToInfo(MigrationBackupRow row)
    {
        var manifest = row.Status is BackupStatus.Ready or BackupStatus.Consumed ? JsonSerializer.Deserialize<BackupManifest>(row.Manifest, Json) : null;
        return new BackupInfo(row.Id, row.TenantKey, row.Module, row.Version, row.Type, manifest?.Format ?? "", row.Status, row.ParentId, row.RunId,
            row.CreatedBy, row.CreatedAt, row.ExpiresAt, row.SizeBytes, manifest?.Tables ?? []);
    }
}
