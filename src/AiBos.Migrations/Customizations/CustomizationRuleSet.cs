using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// Registers <c>&lt;version&gt;/customizations/*.json</c> of a module folder inside the folder's registration
/// transaction. A file holds one rule or an array of rules; rules run in file-name order, then in file order.
/// Every problem of every file is named, and any problem refuses the whole folder.
/// </summary>
public sealed class CustomizationRuleSet(CustomizationAdapters adapters) : IModuleRuleSet
{
    public const string FolderName = "customizations";

    public string Folder => FolderName;

    public async Task<IReadOnlyList<RegisteredRule>> StageFolderAsync(CatalogDbContext db, ModuleFolder folder, string path, bool replace,
        IReadOnlyList<RegisteredMigration> registry, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var rules = new List<(CustomizationRule Rule, string Where)>();
        foreach (var versionDir in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            var rulesDir = Path.Combine(versionDir, FolderName);
            if (!SemanticVersion.TryParse(Path.GetFileName(versionDir), out var version) || !Directory.Exists(rulesDir)) continue;
            var ordinal = 0;
            foreach (var file in Directory.GetFiles(rulesDir).Order(StringComparer.Ordinal))
            {
                var where = $"{Path.GetRelativePath(path, file)}";
                if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{where}: customization rules are .json files.");
                    continue;
                }
                var parsed = CustomizationRuleParser.ParseFile(await File.ReadAllTextAsync(file, cancellationToken), where, version, ordinal, adapters.Names, problems);
                ordinal += Math.Max(parsed.Count, 1);
                rules.AddRange(parsed.Select(r => (r, $"{where} rule '{r.Id}'")));
            }
        }
        foreach (var duplicate in rules.GroupBy(r => (r.Rule.Version, r.Rule.Id)).Where(g => g.Count() > 1))
            problems.Add($"Rule id '{duplicate.Key.Id}' is used more than once in version {duplicate.Key.Version}: {string.Join(", ", duplicate.Select(d => d.Where))}.");
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var registered = new List<RegisteredRule>();
        foreach (var (rule, where) in rules)
        {
            var change = await StageAsync(db, folder.Name, rule, replace, where, problems, cancellationToken, fromFolder: true);
            registered.Add(new RegisteredRule(FolderName, folder.Name, rule.Version.ToString(), rule.Id, change));
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return registered;
    }

    /// <summary>Adds or replaces the rule's row in <paramref name="db"/> (not saved), or adds a problem saying why it cannot.</summary>
    internal static async Task<RegistrationChange> StageAsync(CatalogDbContext db, string module, CustomizationRule rule, bool replace, string where,
        List<string> problems, CancellationToken cancellationToken, bool fromFolder = false)
    {
        var version = rule.Version.ToString();
        var row = await db.CustomizationMigrations.SingleOrDefaultAsync(r => r.Module == module && r.Version == version && r.RuleId == rule.Id, cancellationToken);
        if (row is not null && row.Checksum == rule.Checksum)
        {
            if (fromFolder) row.Ordinal = rule.Ordinal;
            return RegistrationChange.Unchanged;
        }
        var past = await TenantsAtOrPastAsync(db, module, rule.Version, cancellationToken);
        if (past > 0)
        {
            problems.Add($"{where}: {(row is null ? "is new" : "changes")} a customization rule of {module} {version}, which {past} tenant(s) already have: upgrades never revisit a version, so ship it in a new version.");
            return RegistrationChange.Unchanged;
        }
        if (row is null)
        {
            db.CustomizationMigrations.Add(new CustomizationMigrationRow
            {
                Module = module, Version = version, RuleId = rule.Id, Ordinal = rule.Ordinal, Definition = rule.Definition,
                Checksum = rule.Checksum, RegisteredAt = DateTimeOffset.UtcNow,
            });
            return RegistrationChange.Added;
        }
        if (!replace)
        {
            problems.Add($"{where}: is already registered with different content: pass replace (--replace) to overwrite it.");
            return RegistrationChange.Unchanged;
        }
        row.Definition = rule.Definition;
        row.Checksum = rule.Checksum;
        if (fromFolder) row.Ordinal = rule.Ordinal;
        row.RegisteredAt = DateTimeOffset.UtcNow;
        return RegistrationChange.Replaced;
    }

    private static async Task<int> TenantsAtOrPastAsync(CatalogDbContext db, string module, SemanticVersion version, CancellationToken cancellationToken)
    {
        var versions = await db.TenantModules.AsNoTracking().Where(m => m.Module == module).Select(m => m.Version).ToListAsync(cancellationToken);
        return versions.Count(v => SemanticVersion.TryParse(v, out var installed) && installed >= version);
    }
}
