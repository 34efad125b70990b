using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiBos.MigrationConsole.Tests.Scheduling;

public sealed class NodeCrashTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task when_the_node_running_an_upgrade_dies_another_node_recovers_the_schedule_records_the_interruption_and_starts_no_second_run()
    {
        await using var survivor = await SchedulingNode.StartAsync(server);
        await survivor.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("SlowMigration", "billing"), replace: false, Ct);
        await survivor.Engine.RegisterTenantAsync("acme", "Tenant acme", "main", Ct);
        Assert.IsType<Completed>(await survivor.Engine.InstallModuleAsync("acme", "billing", "1.0.0", null, Ct));
        // The survivor stands by so that the child node is the one that fires the upgrade.
        var quartz = await survivor.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await quartz.Standby(Ct);
        using var doomed = ChildConsole.Start(survivor.ConnectionString);
        await Eventually.UntilAsync(() => survivor.ScalarAsync<long>("SELECT count(*) FROM aibos_scheduling.qrtz_scheduler_state"),
            nodes => nodes == 2, Patience, "the child node to join the cluster");

        var now = DateTimeOffset.UtcNow;
        var schedule = await survivor.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "billing", "1.0.0", "2.0.0", now.AddSeconds(1), now.AddMinutes(10), "ops"), Ct);
        // The child fires it, and the run is under way in its 30-second backfill when it is killed.
        await Eventually.UntilAsync(() => survivor.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade' AND status = 'running'"),
            running => running == 1, Patience, "the child node to start the upgrade");
        var started = await survivor.Scheduler.GetUpgradeScheduleAsync(schedule.Id, Ct);
        Assert.Equal(ScheduleStatus.Running, started.Status);
        Assert.NotEqual(await survivor.QuartzInstanceIdAsync(), started.Node);

        doomed.Kill();
        await quartz.Start(Ct);

        var recovered = await Eventually.UntilAsync(() => survivor.Scheduler.GetUpgradeScheduleAsync(schedule.Id, Ct),
            s => s.Status != ScheduleStatus.Running, Patience, "the survivor to recover the schedule");
        Assert.Equal(ScheduleStatus.Interrupted, recovered.Status);
        var runs = (await survivor.Engine.ListMigrationsAsync(new MigrationFilter("billing", "acme"), Ct)).Where(r => r.Kind == RunKind.Upgrade).ToList();
        var run = Assert.Single(runs);
        Assert.Equal(run.Id, recovered.RunId);
        Assert.Equal("scheduler:ops", run.RequestedBy);
        Assert.Contains($"stopped during run {run.Id}", recovered.Message, StringComparison.Ordinal);
    }
}
