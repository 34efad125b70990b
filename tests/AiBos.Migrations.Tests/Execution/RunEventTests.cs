using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Execution;

/// <summary>Every state change is written to the catalog, then announced with NOTIFY and in process.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RunEventTests(PostgresServer server)
{
    [Fact]
    public async Task every_run_and_step_change_is_announced_with_notify_to_other_processes_and_in_process()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        await using var dashboard = t.Sibling(); // another process that only watches
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var notified = new List<RunEvent>();
        var inProcess = new List<RunEvent>();
        var listening = new TaskCompletionSource();
        var listener = Task.Run(async () =>
        {
            await foreach (var e in dashboard.Get<RunEventListener>().ListenAsync(stop.Token).WithCancellation(stop.Token))
            {
                lock (notified) notified.Add(e);
                if (e is { Step: null, Status: RunStatus.Completed }) return;
            }
        }, stop.Token);
        var bus = Task.Run(async () =>
        {
            var enumerator = t.Get<RunEventBus>().SubscribeAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            var first = enumerator.MoveNextAsync();
            listening.SetResult();
            for (var more = await first; more; more = await enumerator.MoveNextAsync())
            {
                inProcess.Add(enumerator.Current);
                if (enumerator.Current is { Step: null, Status: RunStatus.Completed }) return;
            }
        }, stop.Token);
        await listening.Task;
        await Task.Delay(300); // LISTEN is issued asynchronously; give it a moment

        var outcome = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));
        await Task.WhenAll(listener, bus).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(notified, e => Assert.Equal((outcome.RunId, "acme", "accounting"), (e.RunId, e.Tenant, e.Module)));
        Assert.Equal(inProcess.Select(Describe), notified.Select(Describe));
        Assert.Contains(notified, e => e is { Step: null, Status: RunStatus.Running });
        Assert.Contains(notified, e => e is { Step: "schema", Status: StepStatus.Running, Done: 3, Total: 3 });
        Assert.Contains(notified, e => e is { Step: "schema", Status: StepStatus.Completed });
        Assert.Contains(notified, e => e is { Step: "validation", Status: StepStatus.Completed });
        var last = notified[^1];
        Assert.Equal((null, RunStatus.Completed, 3, 3, 1.0), (last.Step, last.Status, last.StepsDone, last.StepsTotal, last.Progress));
        // Progress only moves forward.
        var progress = notified.Select(e => e.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
    }

    private static string Describe(RunEvent e) => $"{e.Step}:{e.Status}:{e.Done}/{e.Total}:{e.StepsDone}/{e.StepsTotal}";
}
