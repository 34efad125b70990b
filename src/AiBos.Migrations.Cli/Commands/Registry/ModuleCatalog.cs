using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Cli.Commands.Registry;

/// <summary>Reads the registered modules, their versions and how many migration files each version has (read-only catalog query).</summary>
public sealed class ModuleCatalog(CatalogDatabase catalog)
{
    public async Task<IReadOnlyList<ModuleDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var modules = await db.Modules.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var versions = await db.ModuleVersions.AsNoTracking().ToListAsync(cancellationToken);
        var files = await db.SchemaMigrations.AsNoTracking().GroupBy(m => new { m.Module, m.Version })
            .Select(g => new { g.Key.Module, g.Key.Version, Count = g.Count() }).ToListAsync(cancellationToken);
        return modules.Select(m => new ModuleDocument(m.Name, m.Description,
            versions.Where(v => v.Module == m.Name)
                .OrderBy(v => SemanticVersion.TryParse(v.Version, out var parsed) ? parsed : SemanticVersion.None)
                .Select(v => new ModuleVersionDocument(v.Version, files.SingleOrDefault(f => f.Module == m.Name && f.Version == v.Version)?.Count ?? 0, v.RegisteredAt))
                .ToList())).ToList();
    }
}
