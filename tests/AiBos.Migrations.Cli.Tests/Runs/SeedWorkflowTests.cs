using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Cli.Tests.Registry;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

/// <summary>The seed's command lines, one after the other, as an operator would type them.</summary>
public sealed class SeedWorkflowTests(PostgresServer server)
{
    [Fact]
    public async Task register_execute_with_rollback_on_failure_roll_back_and_statistics_as_the_seed_shows()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        await RegisterSchemaMigrationTests.RegisterAccounting100Async(cli);
        (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "2.0.0", "-f", CliRunner.SampleFile("accounting", "2.0.0", "001_add_ai_insights.sql"))).ShouldSucceed();
        (await cli.RunAsync("add-tenant", "-t", "tenant123", "--name", "Tenant 123")).ShouldSucceed();
        (await cli.RunAsync("install-module", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0")).ShouldSucceed();
        await t.LoadDemoDataAsync("tenant123", "accounting");
        var before = await t.SnapshotAsync("tenant123");

        var executed = (await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "--rollback-on-failure")).ShouldSucceed();

        Assert.Matches(@"schema\s+running\s+1/1\s+Applied 001_add_ai_insights.sql", executed.Out);
        Assert.Matches(@"validation\s+completed", executed.Out);
        Assert.Contains("Completed and validated", executed.Out);
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM aibos.tenant_modules WHERE tenant_key = 'tenant123' AND module = 'accounting'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_tenant123' AND column_name = 'ai_insights'"));
        var runId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE kind = 'upgrade'");
        Assert.Contains(runId.ToString(), executed.Out);

        var rolledBack = (await cli.RunAsync("rollback-migration", "-i", runId.ToString())).ShouldSucceed();

        Assert.Contains("Rolled back", rolledBack.Out);
        before.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Equal("rolled-back", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM aibos.tenant_modules WHERE tenant_key = 'tenant123' AND module = 'accounting'"));

        var statistics = (await cli.RunAsync("migration-statistics", "-m", "accounting")).ShouldSucceed();
        Assert.Contains("By module", statistics.Out);
        Assert.Contains("Apply Schema Changes (schema)", statistics.Out);
        var json = (await cli.RunAsync("migration-statistics", "-m", "accounting", "--output", "json")).ShouldSucceed().Json;
        var module = Assert.Single(json.GetProperty("modules").EnumerateArray());
        Assert.Equal((2, 1, 1, 1), (module.GetProperty("runs").GetInt32(), module.GetProperty("completed").GetInt32(),
            module.GetProperty("rolledBack").GetInt32(), module.GetProperty("manualRollbacks").GetInt32()));
        Assert.Equal(0.5, module.GetProperty("successRate").GetDouble());
        Assert.Equal(["1.0.0", "2.0.0"], json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["backup", "schema", "validation"], json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }

    [Fact]
    public async Task a_failed_run_left_for_an_operator_is_listed_as_failed_and_rolled_back_by_id()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        (await cli.RunAsync("register-module", CliRunner.Scenario("BrokenAccounting", "accounting"))).ShouldSucceed();
        await t.CreateTenantAsync("tenant123");
        (await cli.RunAsync("install-module", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0")).ShouldSucceed();
        var before = await t.SnapshotAsync("tenant123");

        var failed = await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "--no-rollback", "-o", "json");

        Assert.Equal(1, failed.ExitCode);
        var outcome = failed.Json;
        Assert.Equal(("failed", 1, "schema"), (outcome.GetProperty("outcome").GetString(), outcome.GetProperty("exitCode").GetInt32(), outcome.GetProperty("step").GetString()));
        Assert.Contains("division by zero", outcome.GetProperty("reason").GetString());
        var runId = outcome.GetProperty("runId").GetGuid();
        Assert.Equal("failed", outcome.GetProperty("run").GetProperty("status").GetString());

        var listed = (await cli.RunAsync("list-migrations", "-m", "accounting", "-s", "failed")).ShouldSucceed();
        var listedJson = (await cli.RunAsync("list-migrations", "--module", "accounting", "--status", "failed", "--output", "json")).ShouldSucceed().Json;
        Assert.Contains(runId.ToString(), listed.Out);
        Assert.Contains("division by zero", listed.Out);
        var run = Assert.Single(listedJson.GetProperty("migrations").EnumerateArray());
        Assert.Equal((runId, "failed", "schema"), (run.GetProperty("id").GetGuid(), run.GetProperty("status").GetString(), run.GetProperty("failedStep").GetString()));
        Assert.Empty((await cli.RunAsync("list-migrations", "-m", "accounting", "-s", "rolled-back", "-o", "json")).ShouldSucceed().Json.GetProperty("migrations").EnumerateArray());

        var rollback = (await cli.RunAsync("rollback-migration", "-i", runId.ToString(), "-o", "json")).ShouldSucceed().Json;

        Assert.Equal(("rolled-back", 0), (rollback.GetProperty("outcome").GetString(), rollback.GetProperty("exitCode").GetInt32()));
        Assert.Equal("rolled-back", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));
        before.ShouldEqual(await t.SnapshotAsync("tenant123"));
        (await cli.RunAsync("rollback-migration", "-i", runId.ToString())).ShouldFailWith(2, "already rolled back");
    }
}
