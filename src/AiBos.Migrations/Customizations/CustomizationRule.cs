using System.Security.Cryptography;
using System.Text;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// A customization migration rule of one module version: which document kinds it applies to (null: all), and
/// either declarative operations or the name of a C# adapter. Rules of a version run in <see cref="Ordinal"/> order.
/// </summary>
public sealed record CustomizationRule(string Id, SemanticVersion Version, int Ordinal, IReadOnlyList<string>? AppliesTo, string Definition)
{
    internal IReadOnlyList<CustomizationOperation> Operations { get; init; } = [];
    public string? Adapter { get; init; }

    public bool AppliesToKind(string kind) => AppliesTo is null || AppliesTo.Contains(kind, StringComparer.Ordinal);

    /// <summary>SHA-256 of the rule's canonical JSON: identical re-registration is a no-op, a change needs replace.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Definition)));
}
