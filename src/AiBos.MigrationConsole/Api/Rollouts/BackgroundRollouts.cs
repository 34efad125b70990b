using System.Collections.Concurrent;
using AiBos.Migrations.Rollouts;

namespace AiBos.MigrationConsole.Api.Rollouts;

/// <summary>
/// Rollouts the API started or resumed, detached from their requests (a rollout outlives them; a client that
/// disconnects does not stop it). They get the host's stopping token: at shutdown each stops starting tenants, its
/// running tenants finish or roll back per their runs' policy, and the host waits for that. A rollout cut off harder
/// (the process killed) is left running with a stale heartbeat, to be resumed.
/// </summary>
public sealed partial class BackgroundRollouts(ILogger<BackgroundRollouts> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> running = new();

    /// <summary>Starts <paramref name="drive"/> now, on the thread pool, with the host's stopping token.</summary>
    public Task<RolloutOutcome> Start(string module, Func<CancellationToken, Task<RolloutOutcome>> drive)
    {
        stopping.Token.ThrowIfCancellationRequested();
        var task = Task.Run(() => ObserveAsync(module, drive), CancellationToken.None);
        running.TryAdd(task, true);
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<RolloutOutcome> ObserveAsync(string module, Func<CancellationToken, Task<RolloutOutcome>> drive)
    {
        try
        {
            var outcome = await drive(stopping.Token);
            LogEnded(outcome.Rollout.Id, outcome.Rollout.Summary.Module, outcome.Status);
            return outcome;
        }
        catch (Exception e) when (ApiProblems.IsExpected(e))
        {
            LogRefused(module, e.Message);
            throw;
        }
        catch (Exception e)
        {
            // Nobody may be waiting for this task (202 Accepted): the log is where the failure is seen.
            LogFailed(e, module);
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
        await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Cancelled, never disposed: a host may dispose its services and then call StopAsync again (see BackgroundRuns).
    public void Dispose() => stopping.Cancel();

    [LoggerMessage(5120, LogLevel.Information, "API rollout {RolloutId} of module {Module} ended: {Status}")]
    private partial void LogEnded(Guid rolloutId, string module, string status);

    [LoggerMessage(5121, LogLevel.Information, "API rollout of module {Module} refused: {Reason}")]
    private partial void LogRefused(string module, string reason);

    [LoggerMessage(5122, LogLevel.Error, "API rollout of module {Module} failed")]
    private partial void LogFailed(Exception exception, string module);

    [LoggerMessage(5123, LogLevel.Warning, "Shutting down: stopping {Count} API rollout(s); their running tenants finish first")]
    private partial void LogStopping(int count);
}
