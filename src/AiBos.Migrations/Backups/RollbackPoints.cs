using System.Text.Json;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Backups;

/// <summary>A named point a tenant's module can be returned to.</summary>
public sealed record RollbackPointInfo(long Id, string Tenant, string Module, string Version, Guid? RunId, string Step, string Description, Guid? BackupId, DateTimeOffset CreatedAt);

/// <summary>
/// The seed's <c>createRollbackPoint</c> and <c>restoreFromRollbackPoint</c>. A point made on request holds a full
/// backup of the module; the points a run leaves after each step refer to the backup the run started with.
/// </summary>
public sealed class RollbackPoints(CatalogDatabase catalog, BackupService backups)
{
    public async Task<RollbackPointInfo> CreateRollbackPointAsync(string tenant, string module, string version, Guid? runId, string description,
        string? actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > 500)
            throw new InvalidInputException("Describe the rollback point in 1 to 500 characters.");
        var backup = await backups.CreateMigrationBackupAsync(tenant, module, version, BackupType.Full, BackupFormat.Copy, actor, cancellationToken);
        await using var db = catalog.CreateContext();
        var row = new RollbackPointRow
        {
            RunId = runId ?? Guid.Empty, TenantKey = backup.Tenant, Module = module, Version = backup.Version, Step = "manual",
            Description = description.Trim(), State = JsonSerializer.Serialize(new { backupId = backup.Id }), CreatedAt = DateTimeOffset.UtcNow,
        };
        db.RollbackPoints.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(row);
    }

    public async Task<RestoreOutcome> RestoreFromRollbackPointAsync(long id, bool confirmDiscard, string? actor, CancellationToken cancellationToken)
    {
        var point = await GetAsync(id, cancellationToken);
        var backupId = point.BackupId
            ?? throw new InvalidInputException($"Rollback point {id} holds no backup (its run skipped the backup step): roll back the run instead with rollback-migration -i {point.RunId}.");
        return await backups.RestoreBackupAsync(backupId, confirmDiscard, actor, cancellationToken);
    }

    public async Task<RollbackPointInfo> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.RollbackPoints.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rollback point {id} does not exist.");
        return ToInfo(row);
    }

    public async Task<IReadOnlyList<RollbackPointInfo>> ListAsync(string tenant, string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.RollbackPoints.AsNoTracking().Where(p => p.TenantKey == tenant && p.Module == module)
            .OrderByDescending(p => p.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return rows.Select(ToInfo).ToList();
    }

    private static RollbackPointInfo ToInfo(RollbackPointRow row)
    {
        using var state = JsonDocument.Parse(row.State);
        Guid? backupId = state.RootElement.TryGetProperty("backupId", out var b) && b.ValueKind == JsonValueKind.String ? b.GetGuid() : null;
        return new RollbackPointInfo(row.Id, row.TenantKey, row.Module, row.Version, row.RunId == Guid.Empty ? null : row.RunId, row.Step, row.Description, backupId, row.CreatedAt);
    }
}
