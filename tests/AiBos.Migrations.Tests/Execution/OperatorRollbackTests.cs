using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Execution;

[Collection(TimingSensitive.Name)]
public sealed class OperatorRollbackTests(PostgresServer server)
{
    [Fact]
    public async Task an_operator_in_another_process_can_force_a_running_run_to_roll_back()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("SlowMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");
        var run = Task.Run(() => t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM aibos.migration_steps WHERE kind = 'schema' AND items_done = 1 AND status = 'running'") == 1,
            TimeSpan.FromSeconds(20), "the slow file is running");
        var runId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE to_version = '2.0.0'");

        await using var console = t.Sibling();
        var outcome = await console.Engine.RollbackMigrationAsync(runId, "ops-bob", CancellationToken.None);

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Contains("operator", rolledBack.Reason);
        Assert.IsType<RolledBack>(await run);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal("ops-bob", await t.ScalarAsync<string>($"SELECT rollback_requested_by FROM aibos.module_migrations WHERE id = '{runId}'"));
    }
}
