using AiBos.Migrations.Execution;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tests.Infrastructure;
using static AiBos.Migrations.Tests.Rollouts.RolloutSetup;

namespace AiBos.Migrations.Tests.Rollouts;

/// <summary>Rollouts that stop early (window, cancellation) and rollouts continued after their process stopped.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RolloutStopAndResumeTests(PostgresServer server)
{
    [Fact]
    public async Task reaching_the_windows_end_stops_starting_tenants_and_lets_the_running_one_finish()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        await InstallOnAsync(t, "billing", "1.0.0", "t1", "t2", "t3", "t4");
        var windowEnd = DateTimeOffset.UtcNow.AddSeconds(3);

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("billing", "2.0.0")
        {
            Policy = new RolloutPolicy { Canary = 0, Concurrency = 1, NotAfter = windowEnd },
        }, "ops", CancellationToken.None);

        Assert.Equal(RolloutStatus.StoppedByWindow, outcome.Status);
        Assert.StartsWith("The window ended at ", outcome.Rollout.Summary.StopReason);
        var started = outcome.Rollout.Tenants.Where(x => x.StartedAt is not null).ToList();
        var notStarted = outcome.Rollout.Tenants.Where(x => x.Status == RolloutTenantStatus.NotStarted).ToList();
        Assert.NotEmpty(started);
        Assert.NotEmpty(notStarted);
        Assert.Equal(4, started.Count + notStarted.Count);
        // Every tenant that started did so inside the window and finished its upgrade, even past the window's end.
        Assert.All(started, x => Assert.True(x.StartedAt < windowEnd && x.Status == RolloutTenantStatus.Completed, $"{x.Tenant}: {x.Status} at {x.StartedAt:O}"));
        Assert.Contains(started, x => x.FinishedAt > windowEnd);
        Assert.All(notStarted, x => Assert.Null(x.RunId));
        Assert.Equal(started.Select(x => x.Tenant), (await UpgradeRunsAsync(t, "billing")).Select(r => r.Tenant));
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public async Task cancelling_stops_starting_tenants_and_a_rollout_left_running_by_a_dead_process_resumes_only_its_pending_tenants()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "1.0.0", "t1", "t2", "t3");
        using var cancel = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            // Ctrl+C as soon as the canary has started: it must still finish.
            await foreach (var e in t.Get<RolloutEventBus>().SubscribeAsync(cancel.Token))
                if (e is { Tenant: "t1", Status: RolloutTenantStatus.Running }) { await cancel.CancelAsync(); return; }
        }, CancellationToken.None);

        var cancelled = await t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0"), "ops", cancel.Token);
        await watching;

        Assert.Equal(RolloutStatus.Cancelled, cancelled.Status);
        Assert.Equal([RolloutTenantStatus.Completed, RolloutTenantStatus.NotStarted, RolloutTenantStatus.NotStarted], cancelled.Rollout.Tenants.Select(x => x.Status));
        Assert.Equal("2.0.0", await VersionAsync(t, "t1", "accounting"));

        // Make it look as if its process had died mid-way: still running with a stale heartbeat of another owner, t2 marked
        // running but killed before its run was created, t3 pending.
        var id = cancelled.Rollout.Id;
        await t.ExecuteAsync($"""
            UPDATE aibos.rollouts SET status = 'running', finished_at = NULL, stop_reason = NULL, owner = 'dead-host:1:0000', heartbeat_at = now() - interval '1 minute' WHERE id = '{id}';
            UPDATE aibos.rollout_tenants SET status = 'pending', reason = NULL WHERE rollout_id = '{id}' AND tenant_key = 't3';
            UPDATE aibos.rollout_tenants SET status = 'running', reason = NULL, started_at = now() - interval '1 minute' WHERE rollout_id = '{id}' AND tenant_key = 't2';
            """);
        var listed = Assert.Single(await t.Engine.ListRolloutsAsync(new RolloutFilter("accounting"), CancellationToken.None));
        Assert.True(listed.Interrupted);

        await using var other = t.Sibling();
        var resumed = await other.Engine.ResumeRolloutAsync(id, "ops-bob", CancellationToken.None);

        Assert.True(resumed.Succeeded);
        Assert.Equal(RolloutStatus.Completed, resumed.Status);
        // t2 and t3 may run side by side after the resume (default concurrency), so their runs' order is not fixed.
        Assert.Equal(["t1", "t2", "t3"], (await UpgradeRunsAsync(t, "accounting")).Select(r => r.Tenant).Order(StringComparer.Ordinal));
        Assert.Equal(cancelled.Rollout.Tenants[0].RunId, resumed.Rollout.Tenants[0].RunId);
        Assert.All((await UpgradeRunsAsync(t, "accounting")).Skip(1), r => Assert.Equal($"ops-bob (rollout {id})", r.RequestedBy));
        Assert.False(resumed.Rollout.Summary.Interrupted);
        Assert.Equal(other.Get<ActiveRuns>().Owner, resumed.Rollout.Summary.Owner);
    }

    [Fact]
    public async Task resuming_a_rollout_that_ended_or_whose_process_is_alive_is_refused_and_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "1.0.0", "t1");
        var done = await t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0"), "ops", CancellationToken.None);

        var ended = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.ResumeRolloutAsync(done.Rollout.Id, "ops", CancellationToken.None));
        Assert.Equal($"Rollout {done.Rollout.Id} is completed: only a rollout whose process stopped while it was running can be resumed. Start a new rollout instead: tenants already upgraded are skipped.", ended.Message);

        await t.ExecuteAsync($"UPDATE aibos.rollouts SET status = 'running', owner = 'alive-host:7:abcd', heartbeat_at = now() WHERE id = '{done.Rollout.Id}'");
        var alive = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.ResumeRolloutAsync(done.Rollout.Id, "ops", CancellationToken.None));
        Assert.Contains("is still being driven by process alive-host:7:abcd", alive.Message);
        Assert.Equal("alive-host:7:abcd", await t.ScalarAsync<string>($"SELECT owner FROM aibos.rollouts WHERE id = '{done.Rollout.Id}'"));
        // And a new rollout of the module waits for the live one.
        var second = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0"), "ops", CancellationToken.None));
        Assert.StartsWith($"Rollout {done.Rollout.Id} of module 'accounting' is running", second.Message);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.rollouts"));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.ResumeRolloutAsync(Guid.NewGuid(), "ops", CancellationToken.None));
    }

    [Fact]
    public async Task rollout_changes_are_announced_on_their_own_notify_channel()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "1.0.0", "t1", "t2");
        await using var console = t.Sibling(); // another process watching
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<RolloutEvent>();
        var listening = new TaskCompletionSource();
        var listener = Task.Run(async () =>
        {
            await using var e = console.Get<RolloutEventListener>().ListenAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            var next = e.MoveNextAsync();
            listening.SetResult();
            while (await next)
            {
                events.Add(e.Current);
                if (e.Current.Tenant is null && e.Current.Status != RolloutStatus.Running) return;
                next = e.MoveNextAsync();
            }
        }, CancellationToken.None);
        await listening.Task;
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN {RolloutEventListener.Channel}' AND datname = current_database()") == 1,
            TimeSpan.FromSeconds(10), "the console listens");

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0"), "ops", CancellationToken.None);
        await listener;

        Assert.Equal(
        [
            (null, RolloutStatus.Running), ("t1", RolloutTenantStatus.Running), ("t1", RolloutTenantStatus.Completed),
            ("t2", RolloutTenantStatus.Running), ("t2", RolloutTenantStatus.Completed), (null, RolloutStatus.Completed),
        ], events.Select(e => (e.Tenant, e.Status)));
        Assert.All(events, e => Assert.Equal(outcome.Rollout.Id, e.RolloutId));
        Assert.Equal(outcome.Rollout.Tenants[1].RunId, events[4].RunId);
        Assert.Equal(new RolloutCounts(2, 0, 0, 2, 0, 0, 0, 0), events[^1].Counts);
    }
}
