using System.Collections.Concurrent;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>
/// Runs the API started, detached from the HTTP requests that started them: a long upgrade outlives its request,
/// and a client that disconnects does not cancel it. They get the host's stopping token instead: at shutdown each
/// one is cancelled, the engine rolls it back per its policy, and the host waits for that. A run cut off harder
/// (the process killed) is abandoned; the engine's recovery handles it.
/// </summary>
public sealed partial class BackgroundRuns(ILogger<BackgroundRuns> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> running = new();

    /// <summary>Starts <paramref name="run"/> now, on the thread pool, with the host's stopping token.</summary>
    public Task<RunOutcome> Start(string tenant, string module, Func<CancellationToken, Task<RunOutcome>> run)
    {
        stopping.Token.ThrowIfCancellationRequested();
        var task = Task.Run(() => ObserveAsync(tenant, module, run), CancellationToken.None);
        running.TryAdd(task, true);
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<RunOutcome> ObserveAsync(string tenant, string module, Func<CancellationToken, Task<RunOutcome>> run)
    {
        try
        {
            var outcome = await run(stopping.Token);
            LogEnded(OutcomeDocument.RunIdOf(outcome), tenant, module, outcome.GetType().Name);
            return outcome;
        }
        catch (Exception e) when (ApiProblems.IsExpected(e))
        {
            LogRefused(tenant, module, e.Message);
            throw;
        }
        catch (Exception e)
        {
            // Nobody may be waiting for this task (202 Accepted): the log is where the failure is seen.
            LogFailed(e, tenant, module);
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

    [LoggerMessage(5111, LogLevel.Information, "API run {RunId} of tenant {Tenant}, module {Module} ended: {Outcome}")]
    private partial void LogEnded(Guid? runId, string tenant, string module, string outcome);

    [LoggerMessage(5112, LogLevel.Information, "API run of tenant {Tenant}, module {Module} refused: {Reason}")]
    private partial void LogRefused(string tenant, string module, string reason);

    [LoggerMessage(5113, LogLevel.Error, "API run of tenant {Tenant}, module {Module} failed")]
    private partial void LogFailed(Exception exception, string tenant, string module);

    [LoggerMessage(5114, LogLevel.Warning, "Shutting down: cancelling {Count} API run(s); each rolls back per its policy")]
    private partial void LogStopping(int count);
}
