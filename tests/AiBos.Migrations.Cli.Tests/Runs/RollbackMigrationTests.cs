using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class RollbackMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task rollback_migration_stops_a_run_of_another_process_and_rolls_it_back()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("SlowMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");
        var elsewhere = Task.Run(() => t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        var runId = await WatchTests.RunningRunAsync(t);

        var result = (await CliRunner.For(t).RunAsync("rollback-migration", "--id", runId.ToString(), "-o", "json")).ShouldSucceed();

        Assert.Equal(("rolled-back", runId), (result.Json.GetProperty("outcome").GetString(), result.Json.GetProperty("runId").GetGuid()));
        Assert.Contains("operator", result.Json.GetProperty("reason").GetString());
        Assert.IsType<RolledBack>(await elsewhere);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }

    [Fact]
    public async Task rollback_migration_refuses_unknown_and_malformed_ids()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);

        (await cli.RunAsync("rollback-migration", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "does not exist");
        (await cli.RunAsync("rollback-migration", "-i", "migration_123")).ShouldFailWith(2, "migration_123");
        (await cli.RunAsync("rollback-migration")).ShouldFailWith(2, "Option '--id' is required");
    }
}
