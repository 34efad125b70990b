using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.DataTransforms;

public sealed class DataRuleRegistrationTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DataRule Rule(string source = "ledger_entries", string target = "financial_reports", string? condition = "status = 'active'",
        (string, string)[]? mapping = null, string type = DataRule.Transform, int? batchSize = null, string? query = null) =>
        new("transform_1", source, target, type,
            (mapping ?? [("entry_id", "id"), ("amount", "value")]).Select(m => new ColumnMapping(m.Item1, m.Item2)).ToList(),
            condition is null ? [] : [condition], query is null ? [] : [new ValidationQuery(query)], batchSize);

    private static async Task<TestEngine> StartWithLedgerAsync(PostgresServer server)
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransform", "ledger");
        return t;
    }

    [Fact]
    public async Task a_module_folder_registers_its_data_rules_with_its_migrations_and_a_second_time_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);

        var first = await t.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("DataTransform", "ledger"), replace: false, None);
        var second = await t.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("DataTransform", "ledger"), replace: false, None);

        var rule = Assert.Single(first.Rules);
        Assert.Equal(("data", "ledger", "2.0.0", "transform_1", RegistrationChange.Added), (rule.Kind, rule.Module, rule.Version, rule.RuleId, rule.Change));
        Assert.Equal(RegistrationChange.Unchanged, Assert.Single(second.Rules).Change);
        var registered = Assert.Single(await t.Engine.GetDataRulesAsync("ledger", None));
        Assert.Equal(["entry_id -> id", "amount -> value", "description -> notes", "created_at -> timestamp"],
            registered.Rule.Mapping.Select(m => $"{m.Source} -> {m.Target}"));
        Assert.Equal(["status = 'active'"], registered.Rule.Conditions);
    }

    [Theory]
    [InlineData("ledger_entries; DROP TABLE x", "financial_reports", null, "sourceTable 'ledger_entries; DROP TABLE x' is not a valid table name")]
    [InlineData("ledger_entries", "financial_reports\"; DROP TABLE x; --", null, "targetTable")]
    [InlineData("ledger_entries", "financial_reports", "1=1; DROP TABLE ledger_entries", "the condition `1=1; DROP TABLE ledger_entries` is refused: it contains ';'")]
    [InlineData("ledger_entries", "financial_reports", "status = 'active' -- or everything", "comment")]
    [InlineData("ledger_entries", "financial_reports", "entry_id IN (SELECT 1)", "'SELECT'")]
    [InlineData("ledger_entries", "financial_reports", "pg_sleep(100) IS NULL", "pg_sleep()")]
    [InlineData("journal", "financial_reports", null, "sourceTable 'journal' is not a table of the module at this version (its tables: financial_reports, ledger_entries)")]
    [InlineData("ledger_entries", "financial_reports", "status = \"active\"", "Strings take single quotes in SQL")]
    [InlineData("ledger_entries", "financial_reports", "amount + 1", "is not a boolean expression over 'ledger_entries'")]
    public async Task hostile_or_wrong_rules_are_refused_with_the_problem_named_and_nothing_registered(string source, string target, string? condition, string expected)
    {
        await using var t = await StartWithLedgerAsync(server);
        var before = await t.ScalarAsync<string>("SELECT string_agg(rule_id || checksum, ',') FROM aibos.data_migrations");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterDataRulesAsync("ledger", "2.0.0", [Rule(source, target, condition) with { Id = "transform_1" }], replace: true, None));

        Assert.Contains(expected, refused.Message);
        Assert.Equal(before, await t.ScalarAsync<string>("SELECT string_agg(rule_id || checksum, ',') FROM aibos.data_migrations"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'data_migrations'"));
    }

    [Fact]
    public async Task mapping_problems_name_the_column_and_the_type()
    {
        await using var t = await StartWithLedgerAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0",
            [Rule(mapping: [("entry_id", "id"), ("description", "value"), ("amount", "missing_column"), ("status", "notes")])], replace: true, None));
        Assert.Contains("the target column 'missing_column' does not exist in 'financial_reports'", refused.Message);

        refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0",
            [Rule(mapping: [("entry_id", "id"), ("created_at", "value")])], replace: true, None));
        Assert.Contains("the mapping 'created_at' -> 'value' does not fit", refused.Message);
        Assert.Contains("numeric", refused.Message);

        refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0",
            [Rule(mapping: [("amount", "value")])], replace: true, None));
        Assert.Contains("the target column 'id' is NOT NULL without a default and no source column is mapped to it", refused.Message);

        refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0",
            [Rule(type: "merge", batchSize: 0, query: "SELECT count(*) FROM nowhere; DELETE FROM ledger_entries")], replace: true, None));
        Assert.Contains("transformationType 'merge' is not supported; use one of: transform, copy", refused.Message);
        Assert.Contains("batchSize 0 is out of range", refused.Message);
        Assert.Contains("must be exactly one SELECT statement", refused.Message);
    }

    [Fact]
    public async Task a_changed_rule_needs_replace_and_none_may_change_once_a_tenant_has_its_version()
    {
        await using var t = await StartWithLedgerAsync(server);
        var changed = Rule(condition: "status = 'active' AND amount > 10");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0", [changed], replace: false, None));
        Assert.Contains("already registered with different content: pass replace", refused.Message);

        var replaced = Assert.Single(await t.Engine.RegisterDataRulesAsync("ledger", "2.0.0", [changed], replace: true, None));
        Assert.Equal(RegistrationChange.Replaced, replaced.Change);

        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "ledger", "2.0.0");
        refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterDataRulesAsync("ledger", "2.0.0", [Rule()], replace: true, None));
        Assert.Contains("1 tenant(s) already have ledger 2.0.0", refused.Message);
    }

    [Fact]
    public async Task a_folder_with_a_bad_rule_registers_nothing_at_all()
    {
        await using var t = await TestEngine.StartAsync(server);
        var folder = Path.Combine(Path.GetTempPath(), $"aibos-bad-rule-{Guid.NewGuid():N}", "ledger");
        CopyDirectory(TestPaths.Scenario("DataTransform", "ledger"), folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "2.0.0", "data", "001_ledger_to_reports.json"),
            """{"id": "transform_1", "sourceTable": "ledger_entries", "targetTable": "financial_reports", "mapping": {"entry_id": "id"}, "conditions": ["1=1; DROP TABLE ledger_entries"]}""");
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterModuleFolderAsync(folder, replace: false, None));

            Assert.Contains("001_ledger_to_reports.json, rule 'transform_1': the condition", refused.Message);
            Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations"));
            Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.modules"));
            Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.data_migrations"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
