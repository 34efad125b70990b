using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationRegistrationTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task a_folder_with_bad_rule_files_is_refused_whole_naming_file_rule_and_problem_with_nothing_registered()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.RegisterScenarioAsync("BadCustomizationRules", "billing"));

        var problems = refused.Problems;
        Assert.Contains(problems, p => p.Contains("001_bad.json rule #1 ('unknown-op') operation #1: unknown operation 'explode'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("('missing-field') operation #1 (rename): \"to\" must be a property name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("('bad-path') operation #1 (remove): \"path\" is a bad path 'a;DROP TABLE invoices;--'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("('no-such-adapter'): names the adapter 'billing.does-not-exist', which no module registered", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("('both'): a rule has either \"operations\" or \"adapter\", not both", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("rule #6: the rule has no \"id\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("('typo'): unknown field \"operation\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("002_not_json.json: not valid JSON", StringComparison.Ordinal));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.customization_migrations"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.modules"));
    }

    [Fact]
    public async Task a_folder_registers_its_rules_in_order_and_identical_re_registration_is_a_no_op()
    {
        await using var t = await TestEngine.StartAsync(server);

        var first = await t.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("CustomizedBilling", "billing"), replace: false, None);
        var again = await t.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("CustomizedBilling", "billing"), replace: false, None);

        Assert.Equal(["2.0.0/label-becomes-title", "2.0.0/chart-types", "3.0.0/bound-columns-must-exist", "3.0.0/numeric-widths"],
            first.Rules.Select(r => $"{r.Version}/{r.RuleId}"));
        Assert.All(first.Rules, r => Assert.Equal(("customizations", RegistrationChange.Added), (r.Kind, r.Change)));
        Assert.All(again.Rules, r => Assert.Equal(RegistrationChange.Unchanged, r.Change));
        Assert.Equal("0,1,0,1", await t.ScalarAsync<string>("SELECT string_agg(ordinal::text, ',' ORDER BY version, ordinal) FROM aibos.customization_migrations"));
    }

    [Fact]
    public async Task a_changed_rule_needs_replace_and_a_version_a_tenant_has_is_closed()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("CustomizedBilling", "billing");
        const string changed = """{ "id": "numeric-widths", "appliesTo": ["report_layout"], "operations": [ { "op": "changeType", "path": "size.width", "to": "string" } ] }""";

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterCustomizationRuleAsync("billing", "3.0.0", changed, replace: false, null, None));
        Assert.Contains("already registered with different content: pass replace", refused.Message);

        var replaced = await t.Engine.RegisterCustomizationRuleAsync("billing", "3.0.0", changed, replace: true, null, None);
        Assert.Equal(RegistrationChange.Replaced, replaced.Change);
        Assert.Equal(1, await t.ScalarAsync<int>("SELECT ordinal FROM aibos.customization_migrations WHERE rule_id = 'numeric-widths'"));

        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "3.0.0");
        var closed = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterCustomizationRuleAsync("billing", "3.0.0",
            """{ "id": "late", "appliesTo": "*", "operations": [ { "op": "remove", "path": "x" } ] }""", replace: false, null, None));
        Assert.Contains("1 tenant(s) already have", closed.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.RegisterCustomizationRuleAsync("billing", "9.0.0",
            """{ "id": "late", "appliesTo": "*", "operations": [ { "op": "remove", "path": "x" } ] }""", replace: false, null, None));
    }
}
