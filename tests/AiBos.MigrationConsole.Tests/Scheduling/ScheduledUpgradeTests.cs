using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiBos.MigrationConsole.Tests.Scheduling;

public sealed class ScheduledUpgradeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_scheduled_upgrade_runs_at_its_time_and_is_linked_to_the_run_it_started()
    {
        await using var node = await SchedulingNode.StartAsync(server);
        await InstallAccountingAsync(node, "acme");
        var now = DateTimeOffset.UtcNow;

        var scheduled = await node.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", now.AddSeconds(2), now.AddMinutes(5), "alice",
                new MigrationOptions { BatchSize = 500 }), Ct);

        var pending = Assert.Single(await node.Scheduler.ListScheduledUpgradesAsync(Ct));
        Assert.Equal(scheduled.Id, pending.Id);
        Assert.Equal(ScheduleStatus.Scheduled, pending.Status);
        Assert.Equal("alice", pending.Upgrade.ScheduledBy);
        Assert.Equal(now.AddMinutes(5), pending.Upgrade.WindowEnd);
        Assert.Equal(500, pending.Upgrade.Options.BatchSize);
        Assert.NotNull(pending.NextFireTime);

        var fired = await WaitUntilFiredAsync(node, scheduled.Id);
        Assert.Equal(ScheduleStatus.Completed, fired.Status);
        var run = await node.Engine.GetMigrationAsync(Assert.NotNull(fired.RunId), Ct);
        Assert.Equal((RunStatus.Completed, "acme", "accounting", "1.0.0", "1.1.0", "scheduler:alice"),
            (run.Status, run.Tenant, run.Module, run.FromVersion, run.ToVersion, run.RequestedBy));
        Assert.True(run.StartedAt >= scheduled.Upgrade.RunAt, "the run started before its scheduled time");
        Assert.Equal(await node.QuartzInstanceIdAsync(), fired.Node);
        Assert.Empty(await node.Scheduler.ListScheduledUpgradesAsync(Ct));
        Assert.Equal(fired, Assert.Single(await node.Scheduler.ListFiredUpgradesAsync("acme", "accounting", Ct)));
    }

    [Fact]
    public async Task a_schedule_that_fires_after_its_window_is_recorded_as_missed_and_starts_no_run()
    {
        await using var node = await SchedulingNode.StartAsync(server);
        await InstallAccountingAsync(node, "acme");
        var quartz = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        // Every node is down: nothing fires while the scheduler stands by.
        await quartz.Standby(Ct);
        var now = DateTimeOffset.UtcNow;
        var scheduled = await node.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", now.AddSeconds(1), now.AddSeconds(2), "bob"), Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        await quartz.Start(Ct);

        var fired = await WaitUntilFiredAsync(node, scheduled.Id);
        Assert.Equal(ScheduleStatus.Missed, fired.Status);
        Assert.Null(fired.RunId);
        Assert.Contains("after the window ended", fired.Message, StringComparison.Ordinal);
        Assert.Contains("not started", fired.Message, StringComparison.Ordinal);
        var runs = await node.Engine.ListMigrationsAsync(new MigrationFilter("accounting", "acme"), Ct);
        Assert.Equal([RunKind.Install], runs.Select(r => r.Kind));
        Assert.Empty(await node.Scheduler.ListScheduledUpgradesAsync(Ct));
    }

    [Fact]
    public async Task a_cancelled_schedule_is_removed_and_never_fires()
    {
        await using var node = await SchedulingNode.StartAsync(server);
        await InstallAccountingAsync(node, "acme");
        var now = DateTimeOffset.UtcNow;
        var scheduled = await node.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", now.AddSeconds(3), null, "carol"), Ct);

        var cancelled = await node.Scheduler.CancelScheduledUpgradeAsync(scheduled.Id, "dave", Ct);

        Assert.Equal(ScheduleStatus.Cancelled, cancelled.Status);
        Assert.Contains("dave", cancelled.Message, StringComparison.Ordinal);
        Assert.Empty(await node.Scheduler.ListScheduledUpgradesAsync(Ct));
        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT count(*) FROM aibos_scheduling.qrtz_job_details WHERE job_group = 'upgrades'"));
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.Equal(ScheduleStatus.Cancelled, (await node.Scheduler.GetUpgradeScheduleAsync(scheduled.Id, Ct)).Status);
        var runs = await node.Engine.ListMigrationsAsync(new MigrationFilter("accounting", "acme"), Ct);
        Assert.Equal([RunKind.Install], runs.Select(r => r.Kind));

        var again = await Assert.ThrowsAsync<InvalidInputException>(() => node.Scheduler.CancelScheduledUpgradeAsync(scheduled.Id, "dave", Ct));
        Assert.Contains("already cancelled", again.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => node.Scheduler.CancelScheduledUpgradeAsync(Guid.NewGuid(), "dave", Ct));
    }

    [Fact]
    public async Task bad_requests_are_refused_with_what_to_fix_and_store_nothing()
    {
        await using var node = await SchedulingNode.StartAsync(server);
        await InstallAccountingAsync(node, "acme");
        var now = DateTimeOffset.UtcNow;
        var good = new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", now.AddHours(1), now.AddHours(2), "erin");

        await AssertRefusedAsync(good with { Tenant = "nobody" }, "Tenant 'nobody' is not registered");
        await AssertRefusedAsync(good with { Module = "payroll" }, "Module 'payroll' is not registered");
        await AssertRefusedAsync(good with { ToVersion = "9.9.9" }, "Version 9.9.9 of module 'accounting' is not registered. Registered versions: 1.0.0, 1.1.0, 2.0.0.");
        await AssertRefusedAsync(good with { FromVersion = "one" }, "'one' is not a valid from-version");
        await AssertRefusedAsync(good with { WindowEnd = now.AddMinutes(30) }, "is not after the start");
        await AssertRefusedAsync(good with { RunAt = now.AddHours(-1), WindowEnd = null }, "is in the past");
        await AssertRefusedAsync(good with { ScheduledBy = " " }, "Say who schedules the upgrade");
        await AssertRefusedAsync(good with { Options = new MigrationOptions { BatchSize = 0 } }, "batch size 0 is out of range");
        // Every problem at once, not the first one only.
        var many = await Assert.ThrowsAsync<InvalidInputException>(() =>
            node.Scheduler.ScheduleUpgradeAsync(good with { Tenant = "nobody", ToVersion = "9.9.9", WindowEnd = now }, Ct));
        Assert.Equal(3, many.Problems.Count);

        Assert.Empty(await node.Scheduler.ListScheduledUpgradesAsync(Ct));
        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT count(*) FROM aibos_scheduling.qrtz_job_details WHERE job_group = 'upgrades'"));
        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT count(*) FROM aibos_scheduling.upgrade_outcomes"));
        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT count(*) FROM aibos.audit_log WHERE action LIKE 'schedule.%'"));

        async Task AssertRefusedAsync(ScheduleUpgradeRequest request, string expected)
        {
            var refused = await Assert.ThrowsAsync<InvalidInputException>(() => node.Scheduler.ScheduleUpgradeAsync(request, Ct));
            Assert.Contains(refused.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    internal static async Task InstallAccountingAsync(SchedulingNode node, string tenant)
    {
        await node.Engine.RegisterModuleFolderAsync(TestPaths.Samples("accounting"), replace: false, Ct);
        await node.Engine.RegisterTenantAsync(tenant, $"Tenant {tenant}", "main", Ct);
        Assert.IsType<Completed>(await node.Engine.InstallModuleAsync(tenant, "accounting", "1.0.0", null, Ct));
    }

    internal static Task<UpgradeSchedule> WaitUntilFiredAsync(SchedulingNode node, Guid id) =>
        Eventually.UntilAsync(() => node.Scheduler.GetUpgradeScheduleAsync(id, Ct),
            s => s.Status is not (ScheduleStatus.Scheduled or ScheduleStatus.Running), Patience, $"schedule {id} to finish");
}
