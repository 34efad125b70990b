using System.Collections.Concurrent;

namespace AiBos.MigrationConsole.Api;

/// <summary>
/// Runs and rollouts the API started, detached from the HTTP requests that started them: a long upgrade outlives its
/// request, and a client that disconnects does not cancel it. They get the host's stopping token instead: at shutdown
/// each one is cancelled (a run rolls back per its policy; a rollout stops starting tenants and lets the running ones
/// finish), and the host waits for that. Work cut off harder (the process killed) is abandoned: the engine's recovery
/// handles a run, a stale heartbeat makes a rollout resumable.
/// </summary>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> running = new();

    /// <summary>Starts <paramref name="work"/> now, on the thread pool, with the host's stopping token.</summary>
    /// <param name="work">What it is and whom it is for, for the log.</param>
    /// <param name="call">The engine call.</param>
    /// <param name="ending">The id of what ran (a run's, a rollout's) and how its outcome reads in the log.</param>
    public Task<T> Start<T>(BackgroundWorkItem work, Func<CancellationToken, Task<T>> call, Func<T, (Guid? Id, string Outcome)> ending)
    {
        stopping.Token.ThrowIfCancellationRequested();
        var task = Task.Run(() => ObserveAsync(work, call, ending), CancellationToken.None);
        running.TryAdd(task, true);
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<T> ObserveAsync<T>(BackgroundWorkItem work, Func<CancellationToken, Task<T>> call, Func<T, (Guid? Id, string Outcome)> ending)
    {
        try
        {
            var outcome = await call(stopping.Token);
            var (id, text) = ending(outcome);
            LogEnded(work.Kind, id, work.Tenant, work.Module, text);
            return outcome;
        }
        catch (Exception e) when (ApiProblems.IsExpected(e))
        {
            LogRefused(work.Kind, work.Tenant, work.Module, e.Message);
            throw;
        }
        catch (Exception e)
        {
            // Nobody may be waiting for this task (202 Accepted): the log is where the failure is seen.
            LogFailed(e, work.Kind, work.Tenant, work.Module);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        var tasks = running.Keys.ToList();
        if (tasks.Count == 0) return;
        LogStopping(tasks.Count);
        // Each run now rolls back under its own deadline; wait for that unless the host's shutdown timeout ends first.
        await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Cancelled, never disposed (as BackgroundService does): a host may dispose its services and then call StopAsync
    // again (WebApplicationFactory does), and a disposed source would throw there.
    public void Dispose() => stopping.Cancel();

    [LoggerMessage(5111, LogLevel.Information, "API {Kind} {Id} of tenant {Tenant}, module {Module} ended: {Outcome}")]
    private partial void LogEnded(string kind, Guid? id, string? tenant, string module, string outcome);

    [LoggerMessage(5112, LogLevel.Information, "API {Kind} of tenant {Tenant}, module {Module} refused: {Reason}")]
    private partial void LogRefused(string kind, string? tenant, string module, string reason);

    [LoggerMessage(5113, LogLevel.Error, "API {Kind} of tenant {Tenant}, module {Module} failed")]
    private partial void LogFailed(Exception exception, string kind, string? tenant, string module);

    [LoggerMessage(5114, LogLevel.Warning, "Shutting down: cancelling {Count} API run(s) and rollout(s); runs roll back per their policy, rollouts finish their running tenants")]
    private partial void LogStopping(int count);
}

/// <summary>What a piece of background work is ("run", "rollout") and whom it is for (a rollout has no one tenant).</summary>
public sealed record BackgroundWorkItem(string Kind, string? Tenant, string Module);
