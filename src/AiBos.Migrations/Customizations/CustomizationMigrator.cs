using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// The seed's <c>migrateCustomizations(customizations, from, to)</c>, as a pure function: applies the rules of every
/// version v with from &lt; v &lt;= to in version order (each version's rules in ordinal order) to each document
/// of a kind they apply to. A document that says which version it conforms to starts from that version instead of
/// <paramref name="from"/>. A document that any rule cannot adapt is quarantined whole, with the reason, unchanged.
/// Needs no database: requireColumn checks against <paramref name="columns"/> (<c>table.column</c>; null: not checked).
/// </summary>
public static class CustomizationMigrator
{
    public static CustomizationMigrationResult Migrate(
        IReadOnlyList<CustomizationDocument> documents, SemanticVersion from, SemanticVersion to, IReadOnlyList<CustomizationRule> rules,
        IReadOnlySet<string>? columns = null, IReadOnlyDictionary<string, ICustomizationAdapter>? adapters = null)
    {
        var ordered = rules.Where(r => r.Version <= to).OrderBy(r => r.Version).ThenBy(r => r.Ordinal).ToList();
        var migrated = new List<MigratedCustomization>();
        var quarantined = new List<CustomizationQuarantineDecision>();
        foreach (var document in documents)
        {
            var start = document.Version.IsNone ? from : document.Version;
            var working = (JsonObject)document.Document.DeepClone();
            CustomizationQuarantineDecision? refused = null;
            foreach (var rule in ordered.Where(r => r.Version > start && r.AppliesToKind(document.Kind)))
            {
                var (next, reason) = Apply(rule, working, document, to, columns, adapters);
                if (reason is not null)
                {
                    refused = new CustomizationQuarantineDecision(document, reason, rule.Version.ToString(), rule.Id);
                    break;
                }
                working = next!;
            }
            if (refused is not null) quarantined.Add(refused);
            else migrated.Add(new MigratedCustomization(document, working, !JsonNode.DeepEquals(working, document.Document)));
        }
        return new CustomizationMigrationResult(migrated, quarantined);
    }

    private static (JsonObject? Document, string? Reason) Apply(CustomizationRule rule, JsonObject working, CustomizationDocument document,
        SemanticVersion to, IReadOnlySet<string>? columns, IReadOnlyDictionary<string, ICustomizationAdapter>? adapters)
    {
        if (rule.Adapter is { } name)
        {
            if (adapters is null || !adapters.TryGetValue(name, out var adapter))
                return (null, $"rule {rule.Version}/{rule.Id} names the adapter '{name}', which is not registered in this process");
            try
            {
                var context = new CustomizationAdapterContext(document.Module, document.Kind, document.Key, rule.Version.ToString(), to.ToString(), columns);
                var result = adapter.Adapt((JsonObject)working.DeepClone(), context);
                if (result.QuarantineReason is { } why) return (null, $"rule {rule.Version}/{rule.Id} (adapter {name}): {why}");
                return result.Document is { } adapted
                    ? ((JsonObject)adapted.DeepClone(), null)
                    : (null, $"rule {rule.Version}/{rule.Id} (adapter {name}) returned no document");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return (null, $"rule {rule.Version}/{rule.Id} (adapter {name}) failed: {e.Message}");
            }
        }
        var operationContext = new OperationContext(document.Module, to.ToString(), columns);
        foreach (var operation in rule.Operations)
        {
            if (operation.Apply(working, operationContext) is { } reason)
                return (null, $"rule {rule.Version}/{rule.Id}: {reason}");
        }
        return (working, null);
    }
}
