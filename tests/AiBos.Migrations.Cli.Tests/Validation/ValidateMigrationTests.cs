using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Cli.Tests.Backups;
using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Validation;

public sealed class ValidateMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task the_seed_line_prints_the_five_checks_and_the_risk_report_and_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var before = await t.SnapshotAsync("tenant123");

        var result = (await cli.RunAsync("validate-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "--rehearse")).ShouldSucceed();

        Assert.Contains("from 1.0.0 to 2.0.0: valid", result.Out);
        foreach (var section in new[] { "1. Compatibility", "2. Data volume and time estimate", "3. Customization impact", "4. Dependencies", "5. Risk" })
            Assert.Contains(section, result.Out);
        Assert.Contains("index-without-concurrently in accounting:2.0.0/001_add_ai_insights.sql", result.Out);
        Assert.Contains("CREATE INDEX CONCURRENTLY", result.Out);
        Assert.Contains("the round trip held", result.Out);
        before.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE to_version = '2.0.0'"));
    }

    [Fact]
    public async Task json_output_is_the_report_and_an_invalid_preview_exits_with_plan_rejected()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        await t.ExecuteAsync("CREATE INDEX idx_by_hand ON tenant_tenant123.ledger_entries (description)");

        var result = await cli.RunAsync("validate-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "-o", "json");

        Assert.Equal(ExitCodes.PlanRejected, result.ExitCode);
        var json = result.Json;
        Assert.False(json.GetProperty("isValid").GetBoolean());
        Assert.Contains(json.GetProperty("compatibility").GetProperty("drift").EnumerateArray(), d => d.GetString()!.StartsWith("unexpected index idx_by_hand", StringComparison.Ordinal));
        Assert.Equal("medium", json.GetProperty("risk").GetProperty("declared").GetString());
        Assert.Equal(3, json.GetProperty("compatibility").GetProperty("plan").GetArrayLength());
    }

    [Fact]
    public async Task bad_input_gets_its_exit_code_and_a_one_line_message()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);

        (await cli.RunAsync("validate-migration", "-t", "nobody", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0")).ShouldFailWith(ExitCodes.NotFound, "nobody");
        (await cli.RunAsync("validate-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0", "-v", "2.0.0")).ShouldFailWith(ExitCodes.InvalidInput, "semantic versioning");
        (await cli.RunAsync("validate-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0")).ShouldFailWith(ExitCodes.InvalidInput, "--version");
    }
}
