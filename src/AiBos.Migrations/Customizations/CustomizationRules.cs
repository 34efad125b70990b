using System.Text.Json.Nodes;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// The catalog's customization rules (table customization_migrations): reading them for a run or a preview, and
/// registering one rule by API. Module folders register theirs through <see cref="CustomizationRuleSet"/>.
/// </summary>
public sealed class CustomizationRules(CatalogDatabase catalog, CustomizationAdapters adapters, AuditLog audit)
{
    private const long RuleLockKey = 0x616962_6F7375_63;

    /// <summary>The module's rules of versions after <paramref name="after"/> up to <paramref name="upTo"/>, in order.</summary>
    public async Task<IReadOnlyList<CustomizationRule>> GetRulesAsync(string module, SemanticVersion after, SemanticVersion upTo, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.CustomizationMigrations.AsNoTracking().Where(r => r.Module == module).ToListAsync(cancellationToken);
        var problems = new List<string>();
        var rules = new List<CustomizationRule>();
        foreach (var row in rows)
        {
            var version = SemanticVersion.Parse(row.Version);
            if (version <= after || version > upTo) continue;
            if (CustomizationRuleParser.Parse(JsonNode.Parse(row.Definition), $"{module}:{row.Version} rule '{row.RuleId}'", version, row.Ordinal, adapters.Names, problems) is { } rule)
                rules.Add(rule);
        }
        if (problems.Count > 0)
            throw new MigrationException($"Registered customization rules of '{module}' cannot be used: {string.Join(" ", problems)}");
        return rules.OrderBy(r => r.Version).ThenBy(r => r.Ordinal).ToList();
    }

    /// <summary>Registers (or with <paramref name="replace"/>, replaces) one rule of a registered module version.</summary>
    public async Task<RegisteredRule> RegisterRuleAsync(string module, string version, string ruleJson, bool replace, string? actor, CancellationToken cancellationToken)
    {
        Tenancy.Identifiers.ValidateModuleName(module);
        var parsed = SemanticVersion.Parse(version);
        var problems = new List<string>();
        var rules = CustomizationRuleParser.ParseFile(ruleJson, $"{module}:{parsed} customization rule", parsed, 0, adapters.Names, problems);
        if (problems.Count == 0 && rules.Count != 1) problems.Add("Register one rule at a time (a JSON object), or a module folder for many.");
        if (problems.Count > 0) throw new InvalidInputException(problems);

        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RuleLockKey})", cancellationToken);
        var text = parsed.ToString();
        if (!await db.ModuleVersions.AnyAsync(v => v.Module == module && v.Version == text, cancellationToken))
            throw new NotFoundException($"Version {parsed} of module '{module}' is not registered: register the module's migrations first.");
        var next = await db.CustomizationMigrations.Where(r => r.Module == module && r.Version == text).Select(r => (int?)r.Ordinal).MaxAsync(cancellationToken) ?? -1;
        var rule = rules[0] with { Ordinal = next + 1 };
        var change = await CustomizationRuleSet.StageAsync(db, module, rule, replace, $"{module}:{parsed} rule '{rule.Id}'", problems, cancellationToken);
        if (problems.Count > 0) throw new InvalidInputException(problems);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.WriteAsync("registry.customization-rule", new { version = text, rule = rule.Id, change = change.ToString() }, module: module, actor: actor,
            cancellationToken: cancellationToken);
        return new RegisteredRule(CustomizationRuleSet.FolderName, module, text, rule.Id, change);
    }
}
