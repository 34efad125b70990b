using System.Text.Json.Nodes;
using AiBos.Migrations.Customizations;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Customizations;

/// <summary>Builds rules and documents for the pure migration tests.</summary>
internal static class Rules
{
    public static readonly SemanticVersion V1 = SemanticVersion.Parse("1.0.0");
    public static readonly SemanticVersion V2 = SemanticVersion.Parse("2.0.0");
    public static readonly SemanticVersion V3 = SemanticVersion.Parse("3.0.0");

    public static CustomizationRule Parse(string json, string version = "2.0.0", int ordinal = 0, IReadOnlySet<string>? adapters = null)
    {
        var problems = new List<string>();
        var rules = CustomizationRuleParser.ParseFile(json, "test.json", SemanticVersion.Parse(version), ordinal, adapters ?? new HashSet<string>(), problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return Assert.Single(rules);
    }

    public static List<string> Problems(string json, IReadOnlySet<string>? adapters = null)
    {
        var problems = new List<string>();
        CustomizationRuleParser.ParseFile(json, "bad.json", V2, 0, adapters ?? new HashSet<string>(), problems);
        return problems;
    }

    public static CustomizationDocument Document(string json, string kind = "custom_field", string key = "k", string version = "1.0.0") =>
        new("billing", kind, key, SemanticVersion.Parse(version), 1, JsonNode.Parse(json)!.AsObject());

    /// <summary>Migrates one document from 1.0.0 to 2.0.0 with one rule built from operations.</summary>
    public static CustomizationMigrationResult Run(string operations, string document, IReadOnlySet<string>? columns = null) =>
        CustomizationMigrator.Migrate([Document(document)], V1, V2,
            [Parse($$"""{ "id": "r", "appliesTo": "*", "operations": {{operations}} }""")], columns);

    public static string Json(MigratedCustomization migrated) => migrated.Document.ToJsonString();
}
