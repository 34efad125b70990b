using System.Text.Json.Nodes;
using AiBos.Migrations.Customizations;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationMigratorTests
{
    private sealed class UpperCaseTitles : ICustomizationAdapter
    {
        public string Name => "upper-titles";

        public CustomizationAdapterResult Adapt(JsonObject document, CustomizationAdapterContext context)
        {
            if (document["title"] is not JsonValue title) return CustomizationAdapterResult.Quarantine("no title to upper-case");
            document["title"] = title.GetValue<string>().ToUpperInvariant();
            return CustomizationAdapterResult.Adapted(document);
        }
    }

    private static readonly IReadOnlyDictionary<string, ICustomizationAdapter> Adapters =
        new Dictionary<string, ICustomizationAdapter> { ["upper-titles"] = new UpperCaseTitles() };

    [Fact]
    public void rules_run_in_version_order_then_ordinal_and_only_those_after_from_up_to_to()
    {
        var rules = new[]
        {
            Rules.Parse("""{ "id": "v3", "appliesTo": "*", "operations": [ { "op": "rename", "path": "b", "to": "c" } ] }""", "3.0.0"),
            Rules.Parse("""{ "id": "v2-second", "appliesTo": "*", "operations": [ { "op": "rename", "path": "x", "to": "b" } ] }""", "2.0.0", ordinal: 1),
            Rules.Parse("""{ "id": "v2-first", "appliesTo": "*", "operations": [ { "op": "rename", "path": "a", "to": "x" } ] }""", "2.0.0", ordinal: 0),
            Rules.Parse("""{ "id": "v1", "appliesTo": "*", "operations": [ { "op": "setDefault", "path": "old", "value": 1 } ] }""", "1.0.0"),
            Rules.Parse("""{ "id": "v4", "appliesTo": "*", "operations": [ { "op": "setDefault", "path": "new", "value": 1 } ] }""", "4.0.0"),
        };

        var result = CustomizationMigrator.Migrate([Rules.Document("""{"a":1}""")], Rules.V1, Rules.V3, rules);

        Assert.Equal("""{"c":1}""", Rules.Json(Assert.Single(result.Migrated)));
        Assert.Equal(1, result.Changed);
    }

    [Fact]
    public void a_rule_applies_only_to_its_kinds_and_untouched_documents_count_as_unchanged()
    {
        var rule = Rules.Parse("""{ "id": "r", "appliesTo": ["custom_field"], "operations": [ { "op": "remove", "path": "a" } ] }""");
        var result = CustomizationMigrator.Migrate(
            [Rules.Document("""{"a":1}""", key: "f"), Rules.Document("""{"a":1}""", kind: "setting", key: "s")], Rules.V1, Rules.V2, [rule]);

        Assert.Equal(1, result.Changed);
        Assert.Equal(1, result.Unchanged);
        Assert.Equal("1 migrated, 1 unchanged, 0 quarantined", result.Summary);
        Assert.Equal("""{"a":1}""", Rules.Json(result.Migrated.Single(m => m.Original.Kind == "setting")));
    }

    [Fact]
    public void a_document_already_at_a_later_version_skips_the_rules_it_already_conforms_to()
    {
        var rule = Rules.Parse("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "rename", "path": "a", "to": "b" } ] }""");
        var result = CustomizationMigrator.Migrate([Rules.Document("""{"a":1}""", version: "2.0.0")], Rules.V1, Rules.V3, [rule]);
        Assert.False(Assert.Single(result.Migrated).Changed);
    }

    [Fact]
    public void an_adapter_adapts_a_copy_or_quarantines_with_its_reason()
    {
        var rule = Rules.Parse("""{ "id": "upper", "appliesTo": "*", "adapter": "upper-titles" }""", adapters: new HashSet<string> { "upper-titles" });
        var titled = Rules.Document("""{"title":"net 30"}""", key: "a");
        var untitled = Rules.Document("""{"label":"x"}""", key: "b");

        var result = CustomizationMigrator.Migrate([titled, untitled], Rules.V1, Rules.V2, [rule], adapters: Adapters);

        Assert.Equal("""{"title":"NET 30"}""", Rules.Json(Assert.Single(result.Migrated)));
        Assert.Equal("""{"title":"net 30"}""", titled.Document.ToJsonString());
        Assert.Equal("rule 2.0.0/upper (adapter upper-titles): no title to upper-case", Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void a_rule_naming_an_adapter_missing_in_this_process_quarantines_instead_of_guessing()
    {
        var rule = Rules.Parse("""{ "id": "upper", "appliesTo": "*", "adapter": "upper-titles" }""", adapters: new HashSet<string> { "upper-titles" });
        var result = CustomizationMigrator.Migrate([Rules.Document("{}")], Rules.V1, Rules.V2, [rule]);
        Assert.Contains("not registered in this process", Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void no_rules_leave_every_document_unchanged()
    {
        var result = CustomizationMigrator.Migrate([Rules.Document("""{"a":1}""")], Rules.V1, SemanticVersion.Parse("9.0.0"), []);
        Assert.Equal(0, result.Changed);
        Assert.Empty(result.Quarantined);
    }
}
