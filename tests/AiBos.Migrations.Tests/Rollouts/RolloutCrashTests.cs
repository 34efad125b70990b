using AiBos.Migrations.Execution;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tests.Infrastructure;
using static AiBos.Migrations.Tests.Rollouts.RolloutSetup;

namespace AiBos.Migrations.Tests.Rollouts;

/// <summary>A rollout whose process is killed with SIGKILL mid-tenant is continued by another process.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RolloutCrashTests(PostgresServer server)
{
    [Fact]
    public async Task a_rollout_killed_during_its_second_tenant_resumes_in_another_process_redoing_that_tenant_and_continuing_the_rest()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        await InstallOnAsync(t, "billing", "1.0.0", "t1", "t2", "t3");

        using var child = ChildEngine.Start(t, "rollout", "billing", "2.0.0", "t1,t2,t3", "1");
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>("""
            SELECT count(*) FROM aibos.rollout_tenants WHERE tenant_key = 't2' AND status = 'running'
              AND EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE '%pg_sleep(2)%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid())
            """) == 1, TimeSpan.FromSeconds(60), "the child's rollout is inside t2's slow migration file");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        var rolloutId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.rollouts");
        Assert.Equal(RolloutStatus.Running, await t.ScalarAsync<string>("SELECT status FROM aibos.rollouts"));

        await using var other = t.Sibling();
        // While t2 is "running", its row shows the run it is in, for a dashboard to follow.
        var t2Run = (await other.Engine.GetRolloutAsync(rolloutId, CancellationToken.None)).Tenants[1].RunId;
        Assert.Equal(await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE tenant_key = 't2' AND kind = 'upgrade'"), t2Run);
        await TestEngine.WaitUntilAsync(async () => (await other.Engine.GetRolloutAsync(rolloutId, CancellationToken.None)).Summary.Interrupted,
            TimeSpan.FromSeconds(10), "the rollout's heartbeat is stale");
        var resumed = await other.Engine.ResumeRolloutAsync(rolloutId, "ops", CancellationToken.None);

        Assert.Equal(RolloutStatus.Completed, resumed.Status);
        Assert.True(resumed.Succeeded);
        var runs = await UpgradeRunsAsync(t, "billing");
        // t1 was done before the crash and is not run again; t2's interrupted run was rolled back by recovery, then t2 ran again.
        Assert.Equal(["t1", "t2", "t2", "t3"], runs.Select(r => r.Tenant));
        Assert.Equal([RunStatus.Completed, RunStatus.RolledBack, RunStatus.Completed, RunStatus.Completed], runs.Select(r => r.Status));
        Assert.Contains("stopped during step", runs[1].Error);
        Assert.Equal([runs[0].Id, runs[2].Id, runs[3].Id], resumed.Rollout.Tenants.Select(x => x.RunId!.Value));
        Assert.All(resumed.Rollout.Tenants, x => Assert.Equal(RolloutTenantStatus.Completed, x.Status));
        foreach (var tenant in new[] { "t1", "t2", "t3" }) Assert.Equal("2.0.0", await VersionAsync(t, tenant, "billing"));
        // The interrupted run's file was undone by recovery; the one applied now is the second run's.
        Assert.Equal(runs[2].Id, await t.ScalarAsync<Guid>("""
            SELECT run_id FROM tenant_t2.aibos_schema_history WHERE file_name = '004_slow_backfill.sql' ORDER BY id DESC LIMIT 1
            """));
    }
}
