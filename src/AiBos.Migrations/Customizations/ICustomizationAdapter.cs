using System.Text.Json.Nodes;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// C# code a module ships for customization changes that declarative operations cannot express. A rule names it
/// (<c>{ "id": "...", "appliesTo": "*", "adapter": "crm.split-address" }</c>); modules register it with
/// <c>services.AddCustomizationAdapter&lt;T&gt;()</c>. Adapt must be a pure function of its input.
/// </summary>
public interface ICustomizationAdapter
{
    /// <summary>The name rules use, unique among adapters.</summary>
    string Name { get; }

    /// <summary>Adapts a copy of the document: the adapted document, or a quarantine reason when it cannot be adapted.</summary>
    CustomizationAdapterResult Adapt(JsonObject document, CustomizationAdapterContext context);
}

/// <summary>What an adapter is told about the document it adapts.</summary>
public sealed record CustomizationAdapterContext(string Module, string Kind, string Key, string RuleVersion, string TargetVersion,
    IReadOnlySet<string>? Columns);

/// <summary>An adapter's answer: an adapted document, or why the document must be quarantined.</summary>
public sealed record CustomizationAdapterResult(JsonObject? Document, string? QuarantineReason)
{
    public static CustomizationAdapterResult Adapted(JsonObject document) => new(document, null);
    public static CustomizationAdapterResult Quarantine(string reason) => new(null, reason);
}
