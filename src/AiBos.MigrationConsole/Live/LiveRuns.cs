using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Live;

/// <summary>
/// The run events of every process (this console, the CLI, the API, other nodes) for the components of this
/// node: <see cref="RunEventRelay"/> feeds it from the catalog's NOTIFY channel. A subscriber's handler runs on
/// the relay's thread, so a component marshals back with InvokeAsync.
/// </summary>
public sealed class LiveRuns(ILogger<LiveRuns> logger)
{
    private readonly Lock gate = new();
    private ImmutableSubscribers subscribers = ImmutableSubscribers.Empty;

    /// <summary>Calls <paramref name="handler"/> for every run event until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<RunEvent, Task> handler)
    {
        lock (gate) subscribers = subscribers.Add(handler);
        return new Subscription(this, handler);
    }

    internal async Task PublishAsync(RunEvent runEvent)
    {
        foreach (var handler in subscribers.Handlers)
        {
            try
            {
                await handler(runEvent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken page must not stop the others from seeing the run.
                logger.LogWarning(e, "A live run subscriber failed on run {RunId} of tenant {Tenant}, module {Module}, step {Step}",
                    runEvent.RunId, runEvent.Tenant, runEvent.Module, runEvent.Step);
            }
        }
    }

    private void Unsubscribe(Func<RunEvent, Task> handler)
    {
        lock (gate) subscribers = subscribers.Remove(handler);
    }

    private sealed class Subscription(LiveRuns owner, Func<RunEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }

    /// <summary>Copy-on-write list: publishing reads a snapshot without taking the lock.</summary>
    private sealed record ImmutableSubscribers(IReadOnlyList<Func<RunEvent, Task>> Handlers)
    {
        public static readonly ImmutableSubscribers Empty = new([]);
        public ImmutableSubscribers Add(Func<RunEvent, Task> handler) => new([.. Handlers, handler]);
        public ImmutableSubscribers Remove(Func<RunEvent, Task> handler) => new(Handlers.Where(h => h != handler).ToList());
    }
}
