using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.MigrationConsole.Components.Tenants;

/// <summary>Tenants with their installed module versions, as the catalog mirrors them (the tenant's own history is the truth; every run reconciles the two).</summary>
public sealed class TenantDirectory(TenantService tenants, CatalogDatabase catalog)
{
    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await tenants.ListTenantsAsync(cancellationToken);
        await using var db = catalog.CreateContext();
        var installed = await db.TenantModules.AsNoTracking().OrderBy(m => m.Module).ToListAsync(cancellationToken);
        return all.Select(t => new TenantSummary(t, installed.Where(m => m.TenantKey == t.Key)
            .Select(m => new InstalledModule(m.Module, m.Version, m.UpdatedAt)).ToList())).ToList();
    }

    /// <summary>The version of <paramref name="module"/> the catalog says the tenant runs, or null when it is not installed.</summary>
    public async Task<string?> InstalledVersionAsync(string tenant, string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.TenantModules.AsNoTracking().Where(m => m.TenantKey == tenant && m.Module == module)
            .Select(m => m.Version).SingleOrDefaultAsync(cancellationToken);
    }
}
