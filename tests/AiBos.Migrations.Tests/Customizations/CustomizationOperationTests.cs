using AiBos.Migrations.Customizations;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationOperationTests
{
    private static string Migrated(string operations, string document)
    {
        var result = Rules.Run(operations, document);
        Assert.Empty(result.Quarantined);
        return Rules.Json(Assert.Single(result.Migrated));
    }

    private static string QuarantineReason(string operations, string document, IReadOnlySet<string>? columns = null)
    {
        var result = Rules.Run(operations, document, columns);
        Assert.Empty(result.Migrated);
        return Assert.Single(result.Quarantined).Reason;
    }

    [Fact]
    public void rename_renames_a_nested_property_and_leaves_a_missing_one_alone()
    {
        Assert.Equal("""{"a":{"title":"X","b":1}}""", Migrated("""[{ "op": "rename", "path": "a.label", "to": "title" }]""", """{"a":{"label":"X","b":1}}"""));
        Assert.Equal("""{"b":1}""", Migrated("""[{ "op": "rename", "path": "label", "to": "title" }]""", """{"b":1}"""));
    }

    [Fact]
    public void rename_onto_an_existing_property_quarantines_the_document()
    {
        Assert.Contains("already has title", QuarantineReason("""[{ "op": "rename", "path": "label", "to": "title" }]""", """{"label":"a","title":"b"}"""));
    }

    [Fact]
    public void move_creates_the_objects_on_the_way_and_quarantines_when_a_step_is_a_value()
    {
        Assert.Equal("""{"size":{"width":640}}""", Migrated("""[{ "op": "move", "from": "width", "to": "size.width" }]""", """{"width":640}"""));
        Assert.Contains("is a value, not an object", QuarantineReason("""[{ "op": "move", "from": "width", "to": "size.width" }]""", """{"width":640,"size":"big"}"""));
        Assert.Contains("already has size.width", QuarantineReason("""[{ "op": "move", "from": "width", "to": "size.width" }]""", """{"width":1,"size":{"width":2}}"""));
    }

    [Fact]
    public void remove_deletes_a_property_and_ignores_a_missing_one()
    {
        Assert.Equal("""{"b":2}""", Migrated("""[{ "op": "remove", "path": "a" }, { "op": "remove", "path": "x.y" }]""", """{"a":1,"b":2}"""));
    }

    [Fact]
    public void setDefault_sets_only_a_missing_value()
    {
        Assert.Equal("""{"v":"everyone"}""", Migrated("""[{ "op": "setDefault", "path": "v", "value": "everyone" }]""", "{}"));
        Assert.Equal("""{"v":"me"}""", Migrated("""[{ "op": "setDefault", "path": "v", "value": "everyone" }]""", """{"v":"me"}"""));
        Assert.Equal("""{"a":{"b":[1]}}""", Migrated("""[{ "op": "setDefault", "path": "a.b", "value": [1] }]""", "{}"));
    }

    [Fact]
    public void mapValues_maps_known_values_and_keeps_or_quarantines_unmapped_ones()
    {
        Assert.Equal("""{"chart":"pie"}""", Migrated("""[{ "op": "mapValues", "path": "chart", "map": { "pie3d": "pie" } }]""", """{"chart":"pie3d"}"""));
        Assert.Equal("""{"n":"one"}""", Migrated("""[{ "op": "mapValues", "path": "n", "map": { "1": "one" } }]""", """{"n":1}"""));
        Assert.Equal("""{"chart":"donut"}""", Migrated("""[{ "op": "mapValues", "path": "chart", "map": { "pie3d": "pie" }, "unmapped": "keep" }]""", """{"chart":"donut"}"""));
        Assert.Contains("chart has the value \"donut\", which no mapping covers",
            QuarantineReason("""[{ "op": "mapValues", "path": "chart", "map": { "pie3d": "pie" }, "unmapped": "quarantine" }]""", """{"chart":"donut"}"""));
    }

    [Fact]
    public void changeType_converts_what_it_can()
    {
        Assert.Equal("""{"w":640}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "number" }]""", """{"w":" 640 "}"""));
        Assert.Equal("""{"w":"640"}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "string" }]""", """{"w":640}"""));
        Assert.Equal("""{"w":true}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "boolean" }]""", """{"w":"True"}"""));
        Assert.Equal("""{"w":false}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "boolean" }]""", """{"w":0}"""));
        Assert.Equal("""{"w":["a"]}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "array" }]""", """{"w":"a"}"""));
        Assert.Equal("""{"w":null}""", Migrated("""[{ "op": "changeType", "path": "w", "to": "number" }]""", """{"w":null}"""));
    }

    [Fact]
    public void changeType_quarantines_a_value_that_cannot_be_converted()
    {
        Assert.Contains("w has the value \"wide\", which cannot be converted to number",
            QuarantineReason("""[{ "op": "changeType", "path": "w", "to": "number" }]""", """{"w":"wide"}"""));
        Assert.Contains("cannot be converted to boolean", QuarantineReason("""[{ "op": "changeType", "path": "w", "to": "boolean" }]""", """{"w":"maybe"}"""));
        Assert.Contains("cannot be converted to string", QuarantineReason("""[{ "op": "changeType", "path": "w", "to": "string" }]""", """{"w":{"a":1}}"""));
    }

    [Fact]
    public void requireColumn_quarantines_a_document_bound_to_a_dropped_column()
    {
        var columns = new HashSet<string> { "invoices.customer" };
        Assert.Equal("""{"binding":"invoices.customer"}""", Rules.Json(Assert.Single(Rules.Run("""[{ "op": "requireColumn", "path": "binding" }]""", """{"binding":"invoices.customer"}""", columns).Migrated)));
        Assert.EndsWith("column invoices.legacy_code no longer exists in billing 2.0.0",
            QuarantineReason("""[{ "op": "requireColumn", "path": "binding" }]""", """{"binding":"invoices.legacy_code"}""", columns));
        Assert.Contains("should name a column as table.column", QuarantineReason("""[{ "op": "requireColumn", "path": "binding" }]""", """{"binding":"oops"}""", columns));
    }

    [Fact]
    public void a_quarantined_document_is_left_unchanged_and_the_reason_names_the_rule()
    {
        var document = Rules.Document("""{"label":"a","w":"wide"}""");
        var result = CustomizationMigrator.Migrate([document], Rules.V1, Rules.V2, [Rules.Parse("""
            { "id": "r", "appliesTo": "*", "operations": [
                { "op": "rename", "path": "label", "to": "title" }, { "op": "changeType", "path": "w", "to": "number" } ] }
            """)]);
        var quarantined = Assert.Single(result.Quarantined);
        Assert.StartsWith("rule 2.0.0/r: ", quarantined.Reason);
        Assert.Equal("""{"label":"a","w":"wide"}""", document.Document.ToJsonString());
    }
}
