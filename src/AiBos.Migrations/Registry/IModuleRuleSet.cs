using AiBos.Migrations.Catalog;

namespace AiBos.Migrations.Registry;

/// <summary>
/// A kind of rule a module version ships beside its schema migrations (data transformation rules in
/// <c>&lt;version&gt;/data/*.json</c>, customization rules in <c>&lt;version&gt;/customizations/*.json</c>).
/// The registry calls every rule set while it registers a module folder, inside its own catalog transaction, so a
/// folder with a bad rule is refused whole and nothing of it is registered.
/// </summary>
public interface IModuleRuleSet
{
    /// <summary>The folder name under a version folder, and the kind shown in results: "data" or "customizations".</summary>
    string Folder { get; }

    /// <summary>
    /// Reads this rule set's files of every version folder, checks them against <paramref name="registry"/> (the
    /// schema migrations as they will be once the registration commits), and stages the rows to add or replace in
    /// <paramref name="db"/>. Returns the rules with what happens to each; throws <see cref="InvalidInputException"/>
    /// naming every problem.
    /// </summary>
    Task<IReadOnlyList<RegisteredRule>> StageFolderAsync(CatalogDbContext db, ModuleFolder folder, string path, bool replace,
        IReadOnlyList<RegisteredMigration> registry, CancellationToken cancellationToken);
}

/// <summary>What happened to one data or customization rule of a registration.</summary>
public sealed record RegisteredRule(string Kind, string Module, string Version, string RuleId, RegistrationChange Change);
