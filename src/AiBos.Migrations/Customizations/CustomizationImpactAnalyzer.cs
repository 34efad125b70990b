using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// The preview's customization impact: the run's computation on the tenant's current documents, without writing.
/// Columns for requireColumn come from the reference schema of the target version (the migrations replayed on a
/// scratch schema that is rolled back), so the answer is what the run would see after its schema step.
/// </summary>
public sealed class CustomizationImpactAnalyzer(CustomizationRules rules, CustomizationAdapters adapters)
{
    public async Task<CustomizationCheck> AnalyzeAsync(NpgsqlConnection connection, Tenant tenant, TenantState state, IReadOnlyList<RegisteredMigration> registry,
        MigrationPlan plan, CancellationToken cancellationToken)
    {
        if (plan.From.IsNone || plan.To.IsNone || plan.From == plan.To)
            return new CustomizationCheck(true, "An install or removal moves no customizations.");
        if (!await CustomizationTables.ExistAsync(connection, null, tenant.Schema, cancellationToken))
            return new CustomizationCheck(true, "The tenant has no customizations.");
        var documents = await CustomizationStore.ReadAsync(connection, null, tenant.Schema, plan.Module, forUpdate: false, cancellationToken);
        if (documents.Count == 0)
            return new CustomizationCheck(true, $"The tenant has no customizations of {plan.Module}.");
        var ruleList = await rules.GetRulesAsync(plan.Module, SemanticVersion.None, plan.To, cancellationToken);

        var reference = await ReferenceSchema.BuildAsync(connection, state, registry, plan.Module, plan.To, cancellationToken);
        var columns = reference.Fingerprint is { } fingerprint ? ModuleColumns.From(fingerprint) : null;
        IReadOnlyList<MigratedCustomization> changed;
        IReadOnlyList<CustomizationQuarantineDecision> quarantined;
        int unchanged;
        if (plan.Direction == Direction.Up)
        {
            var result = CustomizationMigrator.Migrate(documents, plan.From, plan.To, ruleList, columns, adapters.ByName);
            (changed, quarantined, unchanged) = (result.Migrated.Where(m => m.Changed).ToList(), result.Quarantined, result.Unchanged);
        }
        else
        {
            var history = await CustomizationHistory.OfModuleAsync(connection, null, tenant.Schema, plan.Module, cancellationToken);
            var held = await CustomizationQuarantine.ListAsync(connection, null, tenant.Schema, plan.Module, includeResolved: false, cancellationToken);
            var downgrade = CustomizationDowngrade.Plan(documents, history, held, plan.To, ruleList, columns, adapters.ByName);
            (changed, quarantined, unchanged) = (downgrade.Restored, downgrade.Quarantined, downgrade.Unchanged);
        }
        var note = $"{documents.Count} customization(s) of {plan.Module}: {changed.Count} changed, {unchanged} unchanged, {quarantined.Count} would be quarantined"
            + (columns is null ? $" (columns not checked: {reference.Problem})" : "") + ".";
        return new CustomizationCheck(true, note)
        {
            Changed = changed.Select(c => new CustomizationImpact(c.Original.Kind, c.Original.Key)).ToList(),
            Quarantined = quarantined.Select(q => new CustomizationImpact(q.Original.Kind, q.Original.Key, q.Reason)).ToList(),
            Unchanged = unchanged,
        };
    }
}
