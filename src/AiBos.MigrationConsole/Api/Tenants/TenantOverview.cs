using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary>Tenants with their installed module versions, as the catalog mirrors them after every run (read-only).</summary>
public sealed class TenantOverview(TenantService tenants, CatalogDatabase catalog)
{
    public async Task<IReadOnlyList<TenantDocument>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await tenants.ListTenantsAsync(cancellationToken);
        var modules = await ModulesAsync(null, cancellationToken);
        return all.Select(t => TenantDocument.From(t, modules.Where(m => m.Tenant == t.Key).Select(m => m.Document).ToList())).ToList();
    }

    public async Task<TenantDocument> GetAsync(string key, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetTenantAsync(key, cancellationToken);
        var modules = await ModulesAsync(tenant.Key, cancellationToken);
        return TenantDocument.From(tenant, modules.Select(m => m.Document).ToList());
    }

    private async Task<List<(string Tenant, TenantModuleDocument Document)>> ModulesAsync(string? tenant, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var query = db.TenantModules.AsNoTracking();
        if (tenant is not null) query = query.Where(m => m.TenantKey == tenant);
        var rows = await query.OrderBy(m => m.Module).ToListAsync(cancellationToken);
        return rows.Select(m => (m.TenantKey, new TenantModuleDocument(m.Module, m.Version, m.UpdatedAt))).ToList();
    }
}
