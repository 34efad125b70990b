using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Backups;

/// <summary>What a cleanup did: backups deleted, expired ones kept (with why), and abandoned half-backups marked failed.</summary>
public sealed record CleanupResult(IReadOnlyList<Guid> Deleted, IReadOnlyList<(Guid Backup, string Reason)> Kept, IReadOnlyList<Guid> MarkedFailed);

/// <summary>
/// The seed's <c>cleanupExpiredBackups</c>: deletes backups past their expiry, never one that a running or still
/// rollback-able run needs, nor the parent of a backup that is kept.
/// </summary>
public sealed class BackupRetention(CatalogDatabase catalog, TenantService tenants, ShardConnections shards, AuditLog audit, ILogger<BackupRetention> logger)
{
    /// <summary>A backup still "creating" after this long was left by a killed process (the real work holds a lock and a transaction).</summary>
    private static readonly TimeSpan AbandonedCreation = TimeSpan.FromMinutes(30);

    public async Task<CleanupResult> CleanupExpiredBackupsAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var live = await db.MigrationBackups.Where(b => b.Status != BackupStatus.Deleted).ToListAsync(cancellationToken);

        var markedFailed = new List<Guid>();
        foreach (var stale in live.Where(b => b.Status == BackupStatus.Creating && b.CreatedAt < now - AbandonedCreation))
        {
            stale.Status = BackupStatus.Failed;
            markedFailed.Add(stale.Id);
        }

        var kept = new List<(Guid, string)>();
        var keep = new HashSet<Guid>();
        foreach (var backup in live.Where(b => b.ExpiresAt is null || b.ExpiresAt > now).Where(b => b.Status != BackupStatus.Failed))
            keep.Add(backup.Id);
        foreach (var backup in live.Where(b => b.ExpiresAt <= now && b.RunId is not null && !keep.Contains(b.Id)))
        {
            if (await NeededByRunAsync(db, backup, cancellationToken) is { } reason)
            {
                keep.Add(backup.Id);
                kept.Add((backup.Id, reason));
            }
        }
        // A kept incremental backup needs its whole chain.
        foreach (var backup in live.Where(b => keep.Contains(b.Id)).ToList())
        {
            for (var parent = live.FirstOrDefault(p => p.Id == backup.ParentId); parent is not null; parent = live.FirstOrDefault(p => p.Id == parent.ParentId))
            {
                if (keep.Add(parent.Id)) kept.Add((parent.Id, $"parent of kept backup {backup.Id}"));
            }
        }

        var deleted = new List<Guid>();
        foreach (var backup in live.Where(b => b.ExpiresAt <= now && !keep.Contains(b.Id) && b.Status != BackupStatus.Creating))
        {
            await DropSchemaAsync(backup, cancellationToken);
            backup.Status = BackupStatus.Deleted;
            deleted.Add(backup.Id);
            logger.BackupDeleted(backup.Id, backup.TenantKey, backup.Module, "expired");
        }
        await db.SaveChangesAsync(cancellationToken);
        if (deleted.Count > 0 || markedFailed.Count > 0)
            await audit.WriteAsync("backup.cleanup", new { deleted, markedFailed }, cancellationToken: cancellationToken);
        return new CleanupResult(deleted, kept, markedFailed);
    }

    /// <summary>Why a run still needs its backup: it is running, or it is the module's latest run and can still be rolled back.</summary>
    private static async Task<string?> NeededByRunAsync(CatalogDbContext db, MigrationBackupRow backup, CancellationToken cancellationToken)
    {
        var run = await db.ModuleMigrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == backup.RunId, cancellationToken);
        if (run is null) return null;
        if (RunStatus.IsActive(run.Status)) return $"run {run.Id} is {run.Status}";
        if (run.Status is RunStatus.RolledBack) return null;
        var latest = await db.ModuleMigrations.AsNoTracking()
            .Where(r => r.TenantKey == run.TenantKey && r.Module == run.Module && r.Kind != RunKind.Rollback && r.Status != RunStatus.RolledBack)
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return latest == run.Id ? $"run {run.Id} ({run.Status}) can still be rolled back" : null;
    }

    private async Task DropSchemaAsync(MigrationBackupRow backup, CancellationToken cancellationToken)
    {
        if (backup.BackupSchema is null) return;
        var tenant = await tenants.GetTenantAsync(backup.TenantKey, cancellationToken);
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {Identifiers.Quote(backup.BackupSchema)} CASCADE", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
