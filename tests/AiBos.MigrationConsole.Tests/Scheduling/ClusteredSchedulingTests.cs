using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Scheduling;

/// <summary>Two console nodes over one catalog database: one Quartz cluster.</summary>
public sealed class ClusteredSchedulingTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task two_nodes_over_one_catalog_fire_each_schedule_exactly_once()
    {
        await using var first = await SchedulingNode.StartAsync(server);
        await using var second = await SchedulingNode.JoinAsync(first.ConnectionString);
        string[] tenants = ["acme", "globex", "initech"];
        foreach (var tenant in tenants) await ScheduledUpgradeTests.InstallAccountingAsync(first, tenant);
        var now = DateTimeOffset.UtcNow;
        // Made at the same moment from both nodes.
        var schedules = await Task.WhenAll(tenants.Select((tenant, i) => (i % 2 == 0 ? first : second).Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest(tenant, "accounting", "1.0.0", "1.1.0", now.AddSeconds(2), now.AddMinutes(5), "ops"), Ct)));

        // Both nodes see every pending schedule: they share one job store.
        Assert.Equal(schedules.Select(s => s.Id).Order(), (await second.Scheduler.ListScheduledUpgradesAsync(Ct)).Select(s => s.Id).Order());
        var nodes = new[] { await first.QuartzInstanceIdAsync(), await second.QuartzInstanceIdAsync() };
        Assert.NotEqual(nodes[0], nodes[1]);
        Assert.Equal(2L, await first.ScalarAsync<long>("SELECT count(*) FROM aibos_scheduling.qrtz_scheduler_state"));
        // The nodes check in at the configured (test) interval: the settings reach Quartz.
        Assert.Equal(1000L, await first.ScalarAsync<long>("SELECT max(checkin_interval) FROM aibos_scheduling.qrtz_scheduler_state"));

        foreach (var schedule in schedules)
        {
            var fired = await ScheduledUpgradeTests.WaitUntilFiredAsync(first, schedule.Id);
            Assert.Equal(ScheduleStatus.Completed, fired.Status);
            Assert.Contains(fired.Node, nodes);
            var upgrades = (await first.Engine.ListMigrationsAsync(new MigrationFilter("accounting", schedule.Upgrade.Tenant), Ct))
                .Where(r => r.Kind == RunKind.Upgrade).ToList();
            Assert.Equal(fired.RunId, Assert.Single(upgrades).Id);
        }
        // Let any duplicate fire that Quartz might still hand out show itself: none may start a second run.
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(3L, await first.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade'"));
    }

    [Fact]
    public async Task a_schedule_made_on_a_node_that_stopped_fires_on_the_node_still_running()
    {
        var first = await SchedulingNode.StartAsync(server);
        await using var second = await SchedulingNode.JoinAsync(first.ConnectionString);
        await ScheduledUpgradeTests.InstallAccountingAsync(first, "acme");
        var now = DateTimeOffset.UtcNow;
        var schedule = await first.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", now.AddSeconds(3), now.AddMinutes(5), "ops"), Ct);

        await first.DisposeAsync();

        var fired = await ScheduledUpgradeTests.WaitUntilFiredAsync(second, schedule.Id);
        Assert.Equal(ScheduleStatus.Completed, fired.Status);
        Assert.Equal(await second.QuartzInstanceIdAsync(), fired.Node);
        Assert.Equal(RunStatus.Completed, (await second.Engine.GetMigrationAsync(fired.RunId!.Value, Ct)).Status);
    }
}
