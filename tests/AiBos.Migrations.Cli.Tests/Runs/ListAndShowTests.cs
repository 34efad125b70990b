using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class ListAndShowTests(PostgresServer server)
{
    [Fact]
    public async Task list_migrations_filters_by_module_tenant_and_status_newest_first()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.CreateTenantAsync("globex");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        await t.InstallAsync("globex", "crm", "1.0.0");
        await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0");
        var cli = CliRunner.For(t);

        var all = (await cli.RunAsync("list-migrations", "-o", "json")).ShouldSucceed().Json.GetProperty("migrations").EnumerateArray().ToList();
        var acme = (await cli.RunAsync("list-migrations", "-t", "acme", "-m", "accounting", "-o", "json")).ShouldSucceed().Json.GetProperty("migrations").EnumerateArray().ToList();
        var one = (await cli.RunAsync("list-migrations", "--limit", "1", "-o", "json")).ShouldSucceed().Json.GetProperty("migrations").EnumerateArray().ToList();
        var human = (await cli.RunAsync("list-migrations", "--tenant", "globex")).ShouldSucceed();

        Assert.Equal(3, all.Count);
        Assert.Equal(["upgrade", "install"], acme.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal("2.0.0", Assert.Single(one).GetProperty("toVersion").GetString());
        Assert.Contains("globex", human.Out);
        Assert.DoesNotContain("acme", human.Out);
        Assert.Contains("1 run(s).", human.Out);
        (await cli.RunAsync("list-migrations", "-s", "exploded")).ShouldFailWith(2, "exploded");
    }

    [Fact]
    public async Task show_migration_prints_steps_timings_and_errors()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var outcome = Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        var cli = CliRunner.For(t);

        var human = (await cli.RunAsync("show-migration", "-i", outcome.RunId.ToString())).ShouldSucceed();
        var json = (await cli.RunAsync("show-migration", "-i", outcome.RunId.ToString(), "-o", "json")).ShouldSucceed().Json;

        Assert.Contains(outcome.RunId.ToString(), human.Out);
        Assert.Contains("Apply Schema Changes (schema)", human.Out);
        Assert.Contains("division by zero", human.Out);
        Assert.Matches(@"Status\s+rolled-back", human.Out);
        Assert.Equal(("rolled-back", "schema", "down-sql"), (json.GetProperty("status").GetString(), json.GetProperty("failedStep").GetString(), json.GetProperty("rollbackPath").GetString()));
        var schema = json.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "schema");
        Assert.Equal(("schema", "failed"), (schema.GetProperty("kind").GetString(), schema.GetProperty("status").GetString()));
        Assert.True(schema.GetProperty("durationSeconds").GetDouble() >= 0);
        Assert.Contains("division by zero", schema.GetProperty("error").GetString());
        (await cli.RunAsync("show-migration", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "list-migrations");
    }
}
