using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary>Tenants with their module versions, as the catalog mirrors them (read-only catalog query).</summary>
public sealed class TenantOverview(TenantService tenants, CatalogDatabase catalog)
{
    public async Task<IReadOnlyList<TenantDocument>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await tenants.ListTenantsAsync(cancellationToken);
        await using var db = catalog.CreateContext();
        var modules = await db.TenantModules.AsNoTracking().OrderBy(m => m.Module).ToListAsync(cancellationToken);
        return all.Select(t => TenantDocument.From(t, modules.Where(m => m.TenantKey == t.Key)
            .Select(m => new TenantModuleDocument(m.Module, m.Version, m.UpdatedAt)).ToList())).ToList();
    }
}
