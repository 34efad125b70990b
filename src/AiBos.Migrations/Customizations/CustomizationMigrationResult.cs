using System.Text.Json.Nodes;

namespace AiBos.Migrations.Customizations;

/// <summary>A document after migration: its new content, and whether the rules changed it.</summary>
public sealed record MigratedCustomization(CustomizationDocument Original, JsonObject Document, bool Changed);

/// <summary>A document that cannot be adapted, why, and the rule that said so (empty for a downgrade without rules).</summary>
public sealed record CustomizationQuarantineDecision(CustomizationDocument Original, string Reason, string RuleVersion, string RuleId);

/// <summary>The outcome of <see cref="CustomizationMigrator.Migrate"/>: migrated documents (changed or not) and quarantined ones.</summary>
public sealed record CustomizationMigrationResult(IReadOnlyList<MigratedCustomization> Migrated, IReadOnlyList<CustomizationQuarantineDecision> Quarantined)
{
    /// <summary>Documents whose content the rules changed (the seed's migrated count).</summary>
    public int Changed => Migrated.Count(m => m.Changed);
    public int Unchanged => Migrated.Count(m => !m.Changed);

    public string Summary => $"{Changed} migrated, {Unchanged} unchanged, {Quarantined.Count} quarantined";
}
