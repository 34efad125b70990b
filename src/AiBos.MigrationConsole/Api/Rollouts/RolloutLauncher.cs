using AiBos.Migrations.Rollouts;

namespace AiBos.MigrationConsole.Api.Rollouts;

/// <summary>
/// Starts a rollout in the background and answers as soon as its id is known. The engine assigns the id when it
/// stores the rollout, after validating and planning it, and announces that with a rollout-level "running" event on
/// this process's <see cref="RolloutEventBus"/>; the launcher listens for it (subscribed before the call starts, so
/// it cannot be missed) or for the call to end first (refused, or already over).
/// Launches take turns until their rollout is identified, so that two never mistake each other's rollout for their own.
/// </summary>
public sealed partial class RolloutLauncher(RolloutEventBus bus, BackgroundWork background, ILogger<RolloutLauncher> logger) : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <param name="module">The rollout's module, for the log.</param>
    /// <param name="isThisRollout">Recognizes the rollout's first event.</param>
    /// <param name="drive">The engine call; it gets the host's stopping token, not the request's.</param>
    /// <param name="cancellationToken">The request's token: stops waiting, never the rollout.</param>
    /// <returns>The rollout's id and its outcome to come. A refusal is thrown here, for the API to map.</returns>
    public async Task<(Guid RolloutId, Task<RolloutOutcome> Outcome)> StartAsync(string module, Func<RolloutEvent, bool> isThisRollout,
        Func<CancellationToken, Task<RolloutOutcome>> drive, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        using var stopListening = new CancellationTokenSource();
        var events = bus.SubscribeAsync(stopListening.Token).GetAsyncEnumerator(stopListening.Token);
        var next = events.MoveNextAsync().AsTask(); // subscribes now, before the rollout starts
        try
        {
            var outcome = background.Start(new BackgroundWorkItem("rollout", null, module), drive,
                ended => (ended.Rollout.Id, ended.Status));
            while (true)
            {
                if (await Task.WhenAny(next, outcome).WaitAsync(cancellationToken) == outcome || !await next)
                    return ((await outcome.WaitAsync(cancellationToken)).Rollout.Id, outcome);
                var rolloutEvent = events.Current;
                next = events.MoveNextAsync().AsTask();
                if (isThisRollout(rolloutEvent))
                {
                    LogStarted(rolloutEvent.RolloutId, rolloutEvent.Module);
                    return (rolloutEvent.RolloutId, outcome);
                }
            }
        }
        finally
        {
            turn.Release();
            await stopListening.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* the subscription ends here */ }
            await events.DisposeAsync();
        }
    }

    public void Dispose() => turn.Dispose();

    [LoggerMessage(5124, LogLevel.Information, "API started rollout {RolloutId} of module {Module}; it goes on in the background")]
    private partial void LogStarted(Guid rolloutId, string module);
}
