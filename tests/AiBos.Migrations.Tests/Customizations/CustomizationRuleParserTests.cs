namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationRuleParserTests
{
    [Theory]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "explode", "path": "a" } ] }""", "unknown operation 'explode'")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "rename", "path": "a" } ] }""", "\"to\" must be a property name")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "move", "from": "a" } ] }""", "\"to\" is missing")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "setDefault", "path": "a" } ] }""", "\"value\" is missing")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a..b" } ] }""", "bad path 'a..b'")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a'; DROP TABLE x; --" } ] }""", "bad path")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "changeType", "path": "a", "to": "date" } ] }""", "\"to\" must be one of number, string, boolean, array")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "mapValues", "path": "a", "map": {} } ] }""", "\"map\" must be an object")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "mapValues", "path": "a", "map": { "x": 1 }, "unmapped": "drop" } ] }""", "\"unmapped\" must be")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a", "extra": 1 } ] }""", "unknown field \"extra\"")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operations": [] }""", "\"operations\" must be a non-empty array")]
    [InlineData("""{ "id": "r", "operations": [ { "op": "remove", "path": "a" } ] }""", "\"appliesTo\" is missing")]
    [InlineData("""{ "id": "r", "appliesTo": ["Custom Field"], "operations": [ { "op": "remove", "path": "a" } ] }""", "is not a document kind")]
    [InlineData("""{ "appliesTo": "*", "operations": [ { "op": "remove", "path": "a" } ] }""", "has no \"id\"")]
    [InlineData("""{ "id": "bad id\n", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a" } ] }""", "may hold only letters")]
    [InlineData("""{ "id": "r", "appliesTo": "*" }""", "and this one has neither")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "adapter": "a", "operations": [ { "op": "remove", "path": "a" } ] }""", "not both")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "adapter": "nobody" }""", "names the adapter 'nobody', which no module registered")]
    [InlineData("""{ "id": "r", "appliesTo": "*", "operation": [] }""", "unknown field \"operation\"")]
    [InlineData("""{ "id": "r", """, "not valid JSON")]
    [InlineData("""[]""", "non-empty array of rule objects")]
    [InlineData("""[{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a" } ] }, { "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "b" } ] }]""", "rule id 'r' is used more than once")]
    public void a_bad_rule_is_refused_with_a_message_naming_the_file_and_the_problem(string json, string expected)
    {
        var problems = Rules.Problems(json);
        Assert.Contains(problems, p => p.StartsWith("bad.json", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void hostile_input_is_bounded_deep_nesting_and_huge_files_are_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        Assert.Contains(Rules.Problems(deep), p => p.Contains("not valid JSON", StringComparison.Ordinal));
        var huge = "{ \"id\": \"r\", \"appliesTo\": \"*\", \"description\": \"" + new string('x', 1_100_000) + "\", \"operations\": [ { \"op\": \"remove\", \"path\": \"a\" } ] }";
        Assert.Contains(Rules.Problems(huge), p => p.Contains("larger than", StringComparison.Ordinal));
    }

    [Fact]
    public void every_problem_of_a_rule_is_named_at_once()
    {
        var problems = Rules.Problems("""{ "id": "r", "operations": [ { "op": "rename" }, { "op": "nope" } ] }""");
        Assert.Contains(problems, p => p.Contains("\"appliesTo\" is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("operation #1 (rename): \"path\" is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("operation #2: unknown operation 'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void the_checksum_ignores_formatting_but_not_content()
    {
        var a = Rules.Parse("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "a" } ] }""");
        var b = Rules.Parse("{\"id\":\"r\",\n \"appliesTo\":\"*\",\"operations\":[{\"op\":\"remove\",\"path\":\"a\"}]}");
        var c = Rules.Parse("""{ "id": "r", "appliesTo": "*", "operations": [ { "op": "remove", "path": "b" } ] }""");
        Assert.Equal(a.Checksum, b.Checksum);
        Assert.NotEqual(a.Checksum, c.Checksum);
    }
}
