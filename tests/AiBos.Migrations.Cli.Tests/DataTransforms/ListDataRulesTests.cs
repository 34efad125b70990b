using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.DataTransforms;

public sealed class ListDataRulesTests(PostgresServer server)
{
    [Fact]
    public async Task list_data_rules_shows_each_rule_with_its_mapping_conditions_batch_size_and_validation_queries()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("UnfinishedLedger", "ledger");
        var cli = CliRunner.For(t);

        var human = (await cli.RunAsync("list-data-rules", "-m", "ledger")).ShouldSucceed();
        var json = (await cli.RunAsync("list-data-rules", "--module", "ledger", "--version", "2.0.0", "-o", "json")).ShouldSucceed().Json;

        Assert.Contains("ledger_entries -> financial_reports", human.Out);
        Assert.Contains("entry_id -> id", human.Out);
        Assert.Contains("created_at -> timestamp", human.Out);
        Assert.Contains("status = 'active'", human.Out);
        Assert.Contains("SELECT COUNT(*) FROM financial_reports WHERE notes IS NULL;", human.Out);
        Assert.Matches(@"2\.0\.0\s+│\s+transform_1\s+│\s+ledger_entries -> financial_reports\s+│\s+transform\s+│\s+entry_id -> id\s+│\s+status = 'active'\s+│\s+5\s+│", human.Out);

        Assert.Equal(("ledger", "2.0.0"), (json.GetProperty("module").GetString(), json.GetProperty("version").GetString()));
        var rule = Assert.Single(json.GetProperty("rules").EnumerateArray());
        Assert.Equal(("ledger", "2.0.0", "transform_1", "ledger_entries", "financial_reports", "transform", 5),
            (rule.GetProperty("module").GetString(), rule.GetProperty("version").GetString(), rule.GetProperty("id").GetString(),
             rule.GetProperty("sourceTable").GetString(), rule.GetProperty("targetTable").GetString(), rule.GetProperty("transformationType").GetString(),
             rule.GetProperty("batchSize").GetInt32()));
        Assert.Equal(["entry_id=id", "amount=value", "description=notes", "created_at=timestamp"],
            rule.GetProperty("mapping").EnumerateArray().Select(m => $"{m.GetProperty("source").GetString()}={m.GetProperty("target").GetString()}"));
        Assert.Equal(["status = 'active'"], rule.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()));
        var query = Assert.Single(rule.GetProperty("validationQueries").EnumerateArray());
        Assert.Equal("SELECT COUNT(*) FROM financial_reports WHERE notes IS NULL;", query.GetProperty("sql").GetString());
        Assert.Equal(64, rule.GetProperty("checksum").GetString()!.Length);
    }

    [Fact]
    public async Task a_version_without_rules_lists_none_and_unknown_modules_or_versions_are_not_found()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransform", "ledger");
        var cli = CliRunner.For(t);

        var none = (await cli.RunAsync("list-data-rules", "-m", "ledger", "-v", "1.0.0")).ShouldSucceed();
        var noneJson = (await cli.RunAsync("list-data-rules", "-m", "ledger", "-v", "1.0.0", "-o", "json")).ShouldSucceed().Json;
        var all = (await cli.RunAsync("list-data-rules", "-m", "ledger", "-o", "json")).ShouldSucceed().Json;

        Assert.Contains("No data rules for ledger 1.0.0", none.Out);
        Assert.Empty(noneJson.GetProperty("rules").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("version").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("rules")[0].GetProperty("batchSize").ValueKind);
        (await cli.RunAsync("list-data-rules", "-m", "payroll")).ShouldFailWith(4, "Module 'payroll' is not registered");
        (await cli.RunAsync("list-data-rules", "-m", "ledger", "-v", "9.0.0")).ShouldFailWith(4, "Version 9.0.0 of module 'ledger' is not registered");
        (await cli.RunAsync("list-data-rules", "-m", "ledger", "-v", "2.x")).ShouldFailWith(2, "not a valid version");
        (await cli.RunAsync("list-data-rules")).ShouldFailWith(2, "Option '--module' is required");
        var json = await cli.RunAsync("list-data-rules", "-m", "payroll", "-o", "json");
        Assert.Equal("not-found", json.Json.GetProperty("error").GetProperty("kind").GetString());
    }
}
