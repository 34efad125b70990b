using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Registry;

public sealed class RegisteredRulesTests(PostgresServer server)
{
    [Fact]
    public async Task register_module_lists_the_data_rules_it_registered_and_again_shows_them_unchanged()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);

        var human = (await cli.RunAsync("register-module", CliRunner.Scenario("DataTransform", "ledger"))).ShouldSucceed();
        var again = (await cli.RunAsync("register-module", CliRunner.Scenario("DataTransform", "ledger"), "-o", "json")).ShouldSucceed().Json;

        Assert.Matches(@"data\s+│\s+ledger\s+│\s+2\.0\.0\s+│\s+transform_1\s+│\s+added", human.Out);
        Assert.Contains("Registered 1 rule(s): 1 added, 0 unchanged, 0 replaced.", human.Out);
        var rule = Assert.Single(again.GetProperty("rules").EnumerateArray());
        Assert.Equal(("data", "ledger", "2.0.0", "transform_1", "unchanged"),
            (rule.GetProperty("kind").GetString(), rule.GetProperty("module").GetString(), rule.GetProperty("version").GetString(),
             rule.GetProperty("ruleId").GetString(), rule.GetProperty("change").GetString()));
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task register_module_lists_customization_rules_and_a_module_without_rules_shows_none()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);

        var billing = (await cli.RunAsync("register-module", CliRunner.Scenario("CustomizedBilling", "billing"), "-o", "json")).ShouldSucceed().Json;
        var accounting = (await cli.RunAsync("register-module", CliRunner.Samples("accounting"))).ShouldSucceed();
        var accountingJson = (await cli.RunAsync("register-module", CliRunner.Samples("accounting"), "-o", "json")).ShouldSucceed().Json;

        var rules = billing.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal(("customizations", "billing", "added"), (r.GetProperty("kind").GetString(), r.GetProperty("module").GetString(), r.GetProperty("change").GetString())));
        Assert.Contains(("2.0.0", "label-becomes-title"), rules.Select(r => (r.GetProperty("version").GetString(), r.GetProperty("ruleId").GetString())));
        Assert.Contains(("3.0.0", "numeric-widths"), rules.Select(r => (r.GetProperty("version").GetString(), r.GetProperty("ruleId").GetString())));
        Assert.DoesNotContain("rule(s)", accounting.Out);
        Assert.Empty(accountingJson.GetProperty("rules").EnumerateArray());
    }
}
