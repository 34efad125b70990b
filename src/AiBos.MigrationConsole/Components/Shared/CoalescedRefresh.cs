namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>
/// Turns a burst of live events into one reload: the first request schedules a reload a moment later, and requests
/// that arrive meanwhile ride along. A page that gets a progress event per batch so reads the catalog a few times a
/// second at most, not once per event.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> reload, TimeSpan delay) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private int scheduled;

    public void Request()
    {
        if (stop.IsCancellationRequested || Interlocked.Exchange(ref scheduled, 1) == 1) return;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(delay, stop.Token);
            Interlocked.Exchange(ref scheduled, 0);
            await reload();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
