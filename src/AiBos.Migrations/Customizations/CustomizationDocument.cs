using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// One customization of a tenant's module (a custom field, a report layout, a setting): a JSON object identified by
/// module, kind and key, that conforms to <see cref="Version"/> of the module. <see cref="Revision"/> grows with
/// every change.
/// </summary>
public sealed record CustomizationDocument(
    string Module, string Kind, string Key, SemanticVersion Version, int Revision, JsonObject Document,
    DateTimeOffset UpdatedAt = default, string? UpdatedBy = null)
{
    /// <summary>"kind/key", as shown to people.</summary>
    public string Name => $"{Kind}/{Key}";
}
