using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// Follows a run of any process through PostgreSQL NOTIFY (<see cref="RunEventListener"/>) until it reaches a final
/// status. The catalog is also read every second, so that events missed before LISTEN took effect cannot stall it.
/// </summary>
public static class RunWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<MigrationRun> WatchAsync(CliSession session, MigrationRun run, IRunProgress progress, CancellationToken cancellationToken)
    {
        progress.Begin(run);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = session.Get<RunEventListener>().ListenAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                if (await Task.WhenAny(next, Task.Delay(PollInterval, cancellationToken)) != next)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!RunStatus.IsActive((await session.Engine.GetMigrationAsync(run.Id, cancellationToken)).Status)) break;
                    continue;
                }
                if (!await next) break;
                var runEvent = events.Current;
                next = events.MoveNextAsync().AsTask();
                if (runEvent.RunId != run.Id) continue;
                progress.Apply(runEvent);
                if (runEvent.Step is null && !RunStatus.IsActive(runEvent.Status)) break;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* listening ends here */ }
            await events.DisposeAsync();
        }
        return await session.Engine.GetMigrationAsync(run.Id, cancellationToken);
    }
}
