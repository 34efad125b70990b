using AiBos.Migrations;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using Microsoft.EntityFrameworkCore;

namespace AiBos.MigrationConsole.Components.Modules;

/// <summary>The registered modules as the pages show them (read-only catalog queries and registry calls).</summary>
public sealed class ModuleDirectory(CatalogDatabase catalog, MigrationRegistry registry, ModuleMigrationService engine)
{
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.Modules.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The module's registered versions, lowest first.</summary>
    public async Task<IReadOnlyList<string>> VersionsAsync(string module, CancellationToken cancellationToken) =>
        (await registry.GetVersionsAsync(module, cancellationToken)).Order().Select(v => v.ToString()).ToList();

    public async Task<IReadOnlyList<ModuleDetails>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var modules = await db.Modules.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var files = await db.SchemaMigrations.AsNoTracking().ToListAsync(cancellationToken);
        var versions = await db.ModuleVersions.AsNoTracking().ToListAsync(cancellationToken);
        var installs = await db.TenantModules.AsNoTracking().GroupBy(t => t.Module)
            .Select(g => new { Module = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var result = new List<ModuleDetails>();
        foreach (var module in modules)
        {
            var migrations = files.Where(f => f.Module == module.Name)
                .Select(f => new ModuleMigration(f.Version, f.FileName, f.DeclaredRisk, f.ComputedRisk, !string.IsNullOrWhiteSpace(f.DownSql),
                    f.Transactional, f.EstimatedSeconds, f.Dependencies))
                .OrderBy(f => SemanticVersion.TryParse(f.Version, out var v) ? v : SemanticVersion.None).ThenBy(f => f.FileName, StringComparer.Ordinal)
                .ToList();
            var rules = await engine.GetDataRulesAsync(module.Name, cancellationToken);
            var moduleVersions = versions.Where(v => v.Module == module.Name).Select(v => SemanticVersion.Parse(v.Version)).Order().Select(v => v.ToString()).ToList();
            result.Add(new ModuleDetails(module.Name, module.Description, moduleVersions, migrations, rules,
                installs.SingleOrDefault(i => i.Module == module.Name)?.Count ?? 0));
        }
        return result;
    }
}
