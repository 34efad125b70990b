using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Execution;

/// <summary>Brings the catalog's copy of a tenant's applied migrations and module versions in line with the tenant: the tenant wins.</summary>
public sealed class CatalogMirror(CatalogDatabase catalog)
{
    public async Task SyncAsync(string tenantKey, TenantState state, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AppliedMigrations.Where(a => a.TenantKey == tenantKey).ExecuteDeleteAsync(cancellationToken);
        await db.TenantModules.Where(m => m.TenantKey == tenantKey).ExecuteDeleteAsync(cancellationToken);
        db.AppliedMigrations.AddRange(state.Applied.Select(a => new AppliedMigrationRow
        {
            TenantKey = tenantKey, Module = a.Module, FileName = a.FileName, Version = a.Version,
            Checksum = a.Checksum, AppliedAt = a.AppliedAt, RunId = a.RunId, ExecutionMs = a.ExecutionMs,
        }));
        var now = DateTimeOffset.UtcNow;
        db.TenantModules.AddRange(state.ModuleVersions.Select(v => new TenantModuleRow
        {
            TenantKey = tenantKey, Module = v.Key, Version = v.Value.ToString(), UpdatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
