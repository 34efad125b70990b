using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// Runs a migration in this process while showing its steps live, fed by this process's <see cref="RunEventBus"/>;
/// ends with the run's last event, so the display is complete before the outcome is reported. Cancelling (Ctrl+C)
/// goes to the run only: the engine rolls it back per its policy, and the display follows that to the end.
/// </summary>
public static class InProcessRun
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);

    public static async Task<RunOutcome> RunAsync(
        CliSession session, string tenant, string module, Func<CancellationToken, Task<RunOutcome>> start, CancellationToken cancellationToken)
    {
        if (session.Output.IsJson) return await start(cancellationToken);
        return await RunProgressView.ShowAsync(session.Output, progress => FollowAsync(session, tenant, module, progress, start, cancellationToken));
    }

    private static async Task<RunOutcome> FollowAsync(
        CliSession session, string tenant, string module, IRunProgress progress, Func<CancellationToken, Task<RunOutcome>> start, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource();
        var events = session.Get<RunEventBus>().SubscribeAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask(); // subscribes now, before the run starts
        var run = start(cancellationToken);
        var begun = new HashSet<Guid>();
        var ended = new HashSet<Guid>();
        RunOutcome? outcome = null;
        try
        {
            while (true)
            {
                if (outcome is null && await Task.WhenAny(next, run) == run)
                {
                    outcome = await run;
                    if (OutcomeDocument.RunIdOf(outcome) is not { } id || ended.Contains(id)) break;
                    continue;
                }
                if (outcome is not null && await Task.WhenAny(next, Task.Delay(DrainTimeout, stop.Token)) != next) break;
                if (!await next) break;
                var runEvent = events.Current;
                next = events.MoveNextAsync().AsTask();
                if (runEvent.Tenant != tenant || runEvent.Module != module) continue;
                if (begun.Add(runEvent.RunId)) progress.Begin(await session.Engine.GetMigrationAsync(runEvent.RunId, stop.Token));
                progress.Apply(runEvent);
                if (runEvent.Step is null && !RunStatus.IsActive(runEvent.Status)) ended.Add(runEvent.RunId);
                if (outcome is not null && ended.Contains(OutcomeDocument.RunIdOf(outcome)!.Value)) break;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* the subscription ends here */ }
            await events.DisposeAsync();
        }
        return outcome ?? await run;
    }
}
