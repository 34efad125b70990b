using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Customizations;

/// <summary>What a downgrade does to a module's documents (computed without writing anything).</summary>
internal sealed record CustomizationDowngradePlan(
    IReadOnlyList<MigratedCustomization> Restored, IReadOnlyList<CustomizationQuarantineDecision> Quarantined,
    IReadOnlyList<(QuarantinedCustomization Item, JsonObject Document)> Reinstated, int Unchanged)
{
    public string Summary => $"{Restored.Count} restored, {Unchanged} unchanged, {Reinstated.Count} reinstated from quarantine, {Quarantined.Count} quarantined";
}

/// <summary>
/// Rules only go forward, so a downgrade uses the history instead: a document above the target version returns to
/// the content it had at the target version when every change since came from runs (walking back through each
/// run's saved content); if that content is older than the target, the rules up to the target are applied to it.
/// A document changed by hand since, or created at a newer version, has no way back: it is quarantined with the
/// reason "no downgrade rule". Documents quarantined when the module left the target version are reinstated.
/// </summary>
internal static class CustomizationDowngrade
{
    public static CustomizationDowngradePlan Plan(IReadOnlyList<CustomizationDocument> documents, IReadOnlyList<CustomizationHistoryEntry> history,
        IReadOnlyList<QuarantinedCustomization> quarantine, SemanticVersion to, IReadOnlyList<CustomizationRule> rules,
        IReadOnlySet<string>? columns, IReadOnlyDictionary<string, ICustomizationAdapter> adapters)
    {
        var restored = new List<MigratedCustomization>();
        var quarantined = new List<CustomizationQuarantineDecision>();
        var unchanged = 0;
        foreach (var document in documents)
        {
            if (document.Version <= to)
            {
                unchanged++;
                continue;
            }
            var back = Back(document, history, to, rules, columns, adapters);
            if (back.Reason is not null) quarantined.Add(new CustomizationQuarantineDecision(document, back.Reason, "", ""));
            else restored.Add(new MigratedCustomization(document, back.Document!, true));
        }
        // Documents a run above the target set aside come back when their way back is known (and nothing took their place).
        var active = documents.Select(d => (d.Kind, d.Key)).ToHashSet();
        var reinstated = new List<(QuarantinedCustomization, JsonObject)>();
        foreach (var item in quarantine.Where(q => q.Status == QuarantinedCustomization.Quarantined && q.RunId is not null
                     && SemanticVersion.TryParse(q.TargetVersion, out var target) && target > to).OrderByDescending(q => q.Id))
        {
            if (!active.Add((item.Kind, item.Key))) continue;
            var candidate = new CustomizationDocument(item.Module, item.Kind, item.Key, SemanticVersion.Parse(item.Version), item.Revision, item.Document);
            var back = Back(candidate, history, to, rules, columns, adapters);
            if (back.Document is { } content) reinstated.Add((item, content));
            else active.Remove((item.Kind, item.Key));
        }
        return new CustomizationDowngradePlan(restored, quarantined, reinstated, unchanged);
    }

    /// <summary>The document's content at <paramref name="to"/>, or why there is no way back.</summary>
    private static (JsonObject? Document, string? Reason) Back(CustomizationDocument document, IReadOnlyList<CustomizationHistoryEntry> history,
        SemanticVersion to, IReadOnlyList<CustomizationRule> rules, IReadOnlySet<string>? columns, IReadOnlyDictionary<string, ICustomizationAdapter> adapters)
    {
        var saved = document.Version <= to ? document : WalkBack(document, history, to);
        if (saved is null)
            return (null, $"no downgrade rule: the document conforms to {document.Module} {document.Version} and was not changed by an upgrade from {to} (or was edited since)");
        var forward = CustomizationMigrator.Migrate([saved], to, to, rules, columns, adapters);
        return forward.Quarantined.Count > 0 ? (null, forward.Quarantined[0].Reason) : (forward.Migrated[0].Document, null);
    }

    /// <summary>The document as it was before the runs that took it above <paramref name="to"/>; null when a change did not come from a run.</summary>
    private static CustomizationDocument? WalkBack(CustomizationDocument document, IReadOnlyList<CustomizationHistoryEntry> history, SemanticVersion to)
    {
        var (version, revision) = (document.Version.ToString(), document.Revision);
        // Newest first: each step finds the run that wrote the state we are at, and takes what it found before.
        for (var guard = 0; guard < 1000; guard++)
        {
            var entry = history.FirstOrDefault(h => h.Kind == document.Kind && h.Key == document.Key
                && h.WrittenVersion == version && h.WrittenRevision == revision);
            if (entry is not { Existed: true, PreviousVersion: { } previous, PreviousDocument: { } content }) return null;
            if (previous <= to) return document with { Version = previous, Document = (JsonObject)content.DeepClone() };
            (version, revision) = (previous.ToString(), entry.PreviousRevision ?? -1);
        }
        return null;
    }
}
