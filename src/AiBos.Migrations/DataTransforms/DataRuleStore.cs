using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// The registered data transformation rules (catalog table <c>data_migrations</c>): registered from a module
/// folder's <c>&lt;version&gt;/data/*.json</c> with its schema migrations, or one version at a time by API. Like
/// schema migrations, a rule is checked before it is kept, an identical re-registration changes nothing, a changed
/// rule needs replace, and no rule of a version that a tenant already has may change.
/// </summary>
public sealed class DataRuleStore(CatalogDatabase catalog) : IModuleRuleSet
{
    public string Folder => "data";

    /// <summary>Registers (or with <paramref name="replace"/>, replaces) the rules of one module version.</summary>
    public async Task<IReadOnlyList<RegisteredRule>> RegisterAsync(string module, string version, IReadOnlyList<DataRule> rules, bool replace,
        CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var parsed = SemanticVersion.Parse(version);
        await using var db = catalog.CreateContext();
        if (!await db.Modules.AnyAsync(m => m.Name == module, cancellationToken))
            throw new NotFoundException($"Module '{module}' is not registered: register its migrations first.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({MigrationRegistry.RegistryLockKey})", cancellationToken);
        if (!await db.ModuleVersions.AnyAsync(v => v.Module == module && v.Version == parsed.ToString(), cancellationToken))
            throw new NotFoundException($"Version {parsed} of module '{module}' is not registered: register its migrations first.");
        // The registry itself depends on this rule set, so the migrations are read here rather than through it.
        var all = (await db.SchemaMigrations.AsNoTracking().ToListAsync(cancellationToken)).Select(RegisteredMigration.FromRow).ToList();
        var staged = await StageAsync(db, module, [(parsed, rules.Select(r => (r, $"{module}:{parsed}")).ToList())], replace, all, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return staged;
    }

    /// <summary>The rules of every version v with <paramref name="after"/> &lt; v &lt;= <paramref name="upTo"/>, in the order they run.</summary>
    public async Task<IReadOnlyList<RegisteredDataRule>> GetRulesAsync(string module, SemanticVersion after, SemanticVersion? upTo,
        CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.DataMigrations.AsNoTracking().Where(r => r.Module == module).ToListAsync(cancellationToken);
        return rows
            .Select(r => new RegisteredDataRule(r.Module, SemanticVersion.Parse(r.Version), r.Ordinal, DataRuleJson.Parse(r.Definition, r.RuleId), r.Checksum))
            .Where(r => r.Version > after && (upTo is null || r.Version <= upTo))
            .OrderBy(r => r.Version).ThenBy(r => r.Ordinal).ThenBy(r => r.Rule.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<RegisteredRule>> StageFolderAsync(CatalogDbContext db, ModuleFolder folder, string path, bool replace,
        IReadOnlyList<RegisteredMigration> migrations, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var versions = new List<(SemanticVersion, List<(DataRule, string)>)>();
        foreach (var version in folder.Versions)
        {
            var directory = Path.Combine(path, version.ToString(), Folder);
            if (!Directory.Exists(directory)) continue;
            var rules = new List<(DataRule, string)>();
            foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                try { rules.AddRange(DataRuleJson.ReadFile(file).Select(r => (r, file))); }
                catch (InvalidInputException e) { problems.AddRange(e.Problems); }
            }
            versions.Add((version, rules));
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return await StageAsync(db, folder.Name, versions, replace, migrations, cancellationToken);
    }

    private async Task<List<RegisteredRule>> StageAsync(CatalogDbContext db, string module,
        IReadOnlyList<(SemanticVersion Version, List<(DataRule Rule, string Where)> Rules)> versions, bool replace,
        IReadOnlyList<RegisteredMigration> migrations, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (_, rules) in versions)
        {
            foreach (var (rule, where) in rules) problems.AddRange(DataRuleChecks.CheckText(rule, where));
            foreach (var twice in rules.GroupBy(r => r.Rule.Id).Where(g => g.Count() > 1))
                problems.Add($"{twice.First().Where}: the rule id '{twice.Key}' is used {twice.Count()} times in this version; give each rule its own id.");
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);

        await using var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        var staged = new List<RegisteredRule>();
        foreach (var (version, rules) in versions.Where(v => v.Rules.Count > 0))
        {
            var (found, problem) = await ReferenceSchema.InspectAsync(connection, new TenantState(new Dictionary<string, SemanticVersion>(), []), migrations,
                module, ReferenceSchema.TargetsFor(module, version, migrations),
                async (transaction, scratch, owned, ct) =>
                {
                    var all = new List<string>();
                    foreach (var (rule, where) in rules)
                        all.AddRange(await DataRuleChecks.CheckSchemaAsync(connection, transaction, scratch, owned, rule, where, ct));
                    return all;
                }, cancellationToken);
            if (problem is not null) problems.Add($"The data rules of {module} {version} cannot be checked: {problem}");
            problems.AddRange(found ?? []);

            var existing = await db.DataMigrations.Where(r => r.Module == module && r.Version == version.ToString()).ToDictionaryAsync(r => r.RuleId, cancellationToken);
            var pastTenants = await MigrationRegistry.TenantsPastAsync(db, module, version, cancellationToken);
            for (var ordinal = 0; ordinal < rules.Count; ordinal++)
            {
                var (rule, where) = rules[ordinal];
                var checksum = DataRuleJson.Checksum(rule);
                if (existing.TryGetValue(rule.Id, out var row) && row.Checksum == checksum && row.Ordinal == ordinal)
                {
                    staged.Add(new RegisteredRule(Folder, module, version.ToString(), rule.Id, RegistrationChange.Unchanged));
                    continue;
                }
                if (pastTenants > 0)
                {
                    problems.Add($"{where}, rule '{rule.Id}': {pastTenants} tenant(s) already have {module} {version}, so its data rules cannot change; ship the change in a new version.");
                    continue;
                }
                if (row is not null && !replace)
                {
                    problems.Add($"{where}, rule '{rule.Id}' is already registered with different content: pass replace (--replace) to overwrite it.");
                    continue;
                }
                row ??= db.DataMigrations.Add(new DataMigrationRow
                {
                    Module = module, Version = version.ToString(), RuleId = rule.Id, Definition = "", Checksum = "", RegisteredAt = DateTimeOffset.UtcNow,
                }).Entity;
                var change = row.Checksum.Length == 0 ? RegistrationChange.Added : RegistrationChange.Replaced;
                (row.Ordinal, row.Definition, row.Checksum) = (ordinal, DataRuleJson.Canonical(rule), checksum);
                staged.Add(new RegisteredRule(Folder, module, version.ToString(), rule.Id, change));
            }
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return staged;
    }
}
