using AiBos.Migrations;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.MigrationConsole.Api.Modules;

/// <summary>The registered modules, their versions and migration files (read-only catalog query plus the registry).</summary>
public sealed class ModuleCatalog(CatalogDatabase catalog, MigrationRegistry registry)
{
    public async Task<IReadOnlyList<ModuleDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var modules = await db.Modules.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var versions = await db.ModuleVersions.AsNoTracking().ToListAsync(cancellationToken);
        var files = await registry.GetAllMigrationsAsync(cancellationToken);
        return modules.Select(m => new ModuleDocument(m.Name, m.Description, versions.Where(v => v.Module == m.Name)
            .Select(v => (Row: v, Parsed: SemanticVersion.TryParse(v.Version, out var parsed) ? parsed : SemanticVersion.None))
            .OrderBy(v => v.Parsed)
            .Select(v => new ModuleVersionDocument(v.Row.Version, v.Row.RegisteredAt, files
                .Where(f => f.Module == m.Name && f.Version == v.Parsed).OrderBy(f => f.FileName, StringComparer.Ordinal)
                .Select(MigrationFileDocument.From).ToList()))
            .ToList())).ToList();
    }

    public async Task<ModuleDocument> GetAsync(string module, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        return (await ListAsync(cancellationToken)).SingleOrDefault(m => m.Name == module)
            ?? throw new NotFoundException($"Module '{module}' is not registered: register its folder with POST {MigrationApi.Prefix}/modules.");
    }
}
