using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation.Lint;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Registry;

/// <summary>
/// The schema migration registry. Registrations are all-or-nothing: a batch with any problem is refused whole,
/// with every problem named, and the catalog is left as it was.
/// </summary>
public sealed class MigrationRegistry(CatalogDatabase catalog, AuditLog audit, IEnumerable<IModuleRuleSet> ruleSets, ILogger<MigrationRegistry> logger)
{
    // Serialises registrations so that dependency and immutability checks see a stable registry.
    internal const long RegistryLockKey = 0x616962_6F7372_65;

    public Task<RegistrationResult> RegisterAsync(SchemaMigrationDefinition definition, CancellationToken cancellationToken) =>
        RegisterAsync([definition], moduleDescription: null, cancellationToken);

    public Task<RegistrationResult> RegisterAsync(
        IReadOnlyList<SchemaMigrationDefinition> definitions, string? moduleDescription, CancellationToken cancellationToken) =>
        RegisterAsync(definitions, moduleDescription, folder: null, cancellationToken);

    private async Task<RegistrationResult> RegisterAsync(IReadOnlyList<SchemaMigrationDefinition> definitions, string? moduleDescription,
        (ModuleFolder Folder, string Path, bool Replace)? folder, CancellationToken cancellationToken)
    {
        var incoming = IncomingMigration.ValidateAll(definitions, allowEmpty: folder is not null);

        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RegistryLockKey})", cancellationToken);

        var existing = await db.SchemaMigrations.ToDictionaryAsync(r => $"{r.Module}/{r.FileName}", StringComparer.Ordinal, cancellationToken);
        var problems = new List<string>();
        var files = new List<RegisteredFile>();
        foreach (var (definition, version, dependencies, checksum) in incoming)
        {
            var key = $"{definition.Module}/{definition.MigrationFile}";
            if (!existing.TryGetValue(key, out var row))
            {
                if (await TenantsPastAsync(db, definition.Module, version, cancellationToken) is > 0 and var past)
                {
                    problems.Add($"{definition.Module}:{version}/{definition.MigrationFile} is a new file in version {version}, which {past} tenant(s) already have: upgrades never revisit a version, so ship it in a new version.");
                    continue;
                }
                row = NewRow(definition, version, dependencies, checksum);
                db.SchemaMigrations.Add(row);
                existing[key] = row;
                files.Add(Describe(row, RegistrationChange.Added));
                continue;
            }
            if (SameContent(row, definition, version, dependencies, checksum))
            {
                files.Add(Describe(row, RegistrationChange.Unchanged));
                continue;
            }
            var appliedTo = await db.AppliedMigrations.CountAsync(a => a.Module == row.Module && a.FileName == row.FileName, cancellationToken);
            if (appliedTo > 0)
            {
                problems.Add($"{definition.Module}:{row.Version}/{row.FileName} is already applied to {appliedTo} tenant(s) and cannot change: ship the change as a new migration file.");
                continue;
            }
            if (!definition.Replace)
            {
                problems.Add($"{definition.Module}:{row.Version}/{row.FileName} is already registered with different content: pass replace (--replace) to overwrite it, which is allowed until a tenant applies it.");
                continue;
            }
            Apply(row, definition, version, dependencies, checksum);
            row.ReplacedAt = DateTimeOffset.UtcNow;
            files.Add(Describe(row, RegistrationChange.Replaced));
        }

        problems.AddRange(DependencyGraph.FindProblems(existing.Values.Select(r => new DependencyGraph.Node(
            r.Module, r.FileName, SemanticVersion.Parse(r.Version),
            r.Dependencies.Select(d => DependencyRef.Parse(d, r.Module)).ToList())).ToList()));
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var versions = incoming.Select(i => (i.Definition.Module, i.Version)).ToList();
        var rules = new List<RegisteredRule>();
        if (folder is var (moduleFolder, path, replace))
        {
            versions.AddRange(moduleFolder.Versions.Select(v => (moduleFolder.Name, v)));
            // The module row must exist before rule rows refer to it.
            await EnsureModulesAndVersionsAsync(db, versions, moduleDescription, cancellationToken, moduleFolder.Name);
            var registry = existing.Values.Select(RegisteredMigration.FromRow).ToList();
            foreach (var ruleSet in ruleSets)
                rules.AddRange(await ruleSet.StageFolderAsync(db, moduleFolder, path, replace, registry, cancellationToken));
        }

        await EnsureModulesAndVersionsAsync(db, versions, moduleDescription, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var result = new RegistrationResult(files) { Rules = rules };
        foreach (var module in files.Select(f => f.Module).Distinct())
        {
            logger.MigrationsRegistered(module, files.Count(f => f.Module == module), files.Count(f => f.Module == module && f.Change == RegistrationChange.Unchanged));
            await audit.WriteAsync("registry.registered", new { files = files.Where(f => f.Module == module).Select(f => new { f.Version, f.FileName, f.Checksum, change = f.Change.ToString() }) },
                module: module, cancellationToken: cancellationToken);
        }
        return result;
    }

    /// <summary>Registers a whole module folder in one go; versions without SQL files are declared too.</summary>
    public async Task<RegistrationResult> RegisterModuleFolderAsync(string path, bool replace, CancellationToken cancellationToken)
    {
        var folder = ModuleFolder.Read(path);
        var definitions = folder.Migrations.Select(m => m with { Replace = replace }).ToList();
        return await RegisterAsync(definitions, folder.Description, (folder, path, replace), cancellationToken);
    }

    /// <summary>Declares a module (and optionally a version with no schema migrations of its own).</summary>
    public async Task EnsureModuleAsync(string module, string? description, string? version, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var parsed = version is null ? null : SemanticVersion.Parse(version);
        await using var db = catalog.CreateContext();
        await EnsureModulesAndVersionsAsync(db, parsed is null ? [] : [(module, parsed)], description, cancellationToken, module);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RegisteredMigration>> GetMigrationsAsync(string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.SchemaMigrations.AsNoTracking().Where(r => r.Module == module).ToListAsync(cancellationToken);
        return rows.Select(RegisteredMigration.FromRow).OrderBy(m => m.Version).ThenBy(m => m.FileName, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<RegisteredMigration>> GetAllMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.SchemaMigrations.AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(RegisteredMigration.FromRow).ToList();
    }

    public async Task<IReadOnlyList<SemanticVersion>> GetVersionsAsync(string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var versions = await db.ModuleVersions.AsNoTracking().Where(v => v.Module == module).Select(v => v.Version).ToListAsync(cancellationToken);
        return versions.Select(v => SemanticVersion.Parse(v)).Order().ToList();
    }

    public async Task<bool> ModuleExistsAsync(string module, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.Modules.AnyAsync(m => m.Name == module, cancellationToken);
    }

    /// <summary>How many tenants are at <paramref name="version"/> of the module or later (from the catalog's mirror).</summary>
    internal static async Task<int> TenantsPastAsync(CatalogDbContext db, string module, SemanticVersion version, CancellationToken cancellationToken)
    {
        var versions = await db.TenantModules.AsNoTracking().Where(m => m.Module == module).Select(m => m.Version).ToListAsync(cancellationToken);
        return versions.Count(v => SemanticVersion.TryParse(v, out var installed) && installed >= version);
    }

    private static RegisteredFile Describe(SchemaMigrationRow row, RegistrationChange change)
    {
        var findings = MigrationLinter.Lint(row.UpSql, row.DownSql, row.Transactional);
        return new RegisteredFile(row.Module, row.Version, row.FileName, row.Checksum, change,
            RiskLevels.Parse(row.DeclaredRisk), MigrationLinter.ComputedRisk(findings), findings);
    }

    private static SchemaMigrationRow NewRow(SchemaMigrationDefinition d, SemanticVersion version, List<string> dependencies, string checksum)
    {
        var row = new SchemaMigrationRow
        {
            Module = d.Module, Version = version.ToString(), FileName = d.MigrationFile, UpSql = d.UpSql,
            Checksum = checksum, DeclaredRisk = d.RiskLevel.ToText(), RegisteredAt = DateTimeOffset.UtcNow,
        };
        Apply(row, d, version, dependencies, checksum);
        return row;
    }

    private static void Apply(SchemaMigrationRow row, SchemaMigrationDefinition d, SemanticVersion version, List<string> dependencies, string checksum)
    {
        row.Version = version.ToString();
        row.UpSql = d.UpSql;
        row.DownSql = string.IsNullOrWhiteSpace(d.DownSql) ? null : d.DownSql;
        row.Checksum = checksum;
        row.Dependencies = dependencies;
        row.ValidationQueries = JsonSerializer.Serialize(d.ValidationQueries, RegisteredMigration.Json);
        row.EstimatedSeconds = d.EstimatedSeconds;
        row.DeclaredRisk = d.RiskLevel.ToText();
        row.Transactional = d.Transactional;
        row.ComputedRisk = MigrationLinter.ComputedRisk(MigrationLinter.Lint(d.UpSql, d.DownSql, d.Transactional)).ToText();
    }

    // Compared as the checksum compares up SQL: line endings and trailing blanks of the down SQL are no change, and the
    // validation queries by value, since the catalog keeps them as jsonb (which rewrites the JSON text it is given).
    private static bool SameContent(SchemaMigrationRow row, SchemaMigrationDefinition d, SemanticVersion version, List<string> dependencies, string checksum) =>
        row.Checksum == checksum
        && row.Version == version.ToString()
        && SqlChecksum.Normalise(row.DownSql ?? "") == SqlChecksum.Normalise(string.IsNullOrWhiteSpace(d.DownSql) ? "" : d.DownSql)
        && row.Dependencies.SequenceEqual(dependencies)
        // jsonb comes back re-formatted, so the queries are compared as values, not as text.
        && (JsonSerializer.Deserialize<List<ValidationQuery>>(row.ValidationQueries, RegisteredMigration.Json) ?? []).SequenceEqual(d.ValidationQueries)
        && row.EstimatedSeconds == d.EstimatedSeconds
        && row.DeclaredRisk == d.RiskLevel.ToText()
        && row.Transactional == d.Transactional;

    private static async Task EnsureModulesAndVersionsAsync(
        CatalogDbContext db, IReadOnlyList<(string Module, SemanticVersion Version)> versions, string? description,
        CancellationToken cancellationToken, string? extraModule = null)
    {
        var modules = versions.Select(v => v.Module).Append(extraModule).OfType<string>().Distinct().ToList();
        foreach (var module in modules)
        {
            var row = db.Modules.Local.FirstOrDefault(m => m.Name == module) ?? await db.Modules.SingleOrDefaultAsync(m => m.Name == module, cancellationToken);
            if (row is null)
                db.Modules.Add(new ModuleRow { Name = module, Description = description ?? "", CreatedAt = DateTimeOffset.UtcNow });
            else if (!string.IsNullOrWhiteSpace(description))
                row.Description = description;
        }
        foreach (var (module, version) in versions.Distinct())
        {
            var text = version.ToString();
            if (!await db.ModuleVersions.AnyAsync(v => v.Module == module && v.Version == text, cancellationToken)
                && !db.ModuleVersions.Local.Any(v => v.Module == module && v.Version == text))
                db.ModuleVersions.Add(new ModuleVersionRow { Module = module, Version = text, RegisteredAt = DateTimeOffset.UtcNow });
        }
    }
}
