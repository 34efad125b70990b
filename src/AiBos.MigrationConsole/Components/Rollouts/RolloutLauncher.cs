using AiBos.Migrations;
using AiBos.Migrations.Rollouts;

namespace AiBos.MigrationConsole.Components.Rollouts;

/// <summary>
/// Starts and resumes rollouts for pages without tying them to a circuit, as <see cref="Runs.RunLauncher"/> does for
/// runs: the rollout goes on under the application's stopping token (a closed tab does not stop it; shutting the
/// console down stops starting tenants, and the rollout can be resumed later). The engine assigns the rollout's id
/// when it stores it, after validating and planning; the launcher hands the page that id as soon as this process
/// announces it, or the engine's refusal (bad input, another rollout of the module running) as an exception.
/// </summary>
public sealed partial class RolloutLauncher(ModuleMigrationService engine, RolloutEventBus events, IHostApplicationLifetime lifetime, ILogger<RolloutLauncher> logger)
{
    private static readonly TimeSpan ResumePoll = TimeSpan.FromSeconds(1);

    /// <summary>Starts the rollout in the background and returns its id once it is stored.</summary>
    public Task<Guid> StartAsync(RolloutRequest request, string actor, CancellationToken cancellationToken) =>
        LaunchAsync("start", request.Module,
            stopping => engine.StartRolloutAsync(request, actor, stopping),
            announced => announced.Tenant is null && announced.Status == RolloutStatus.Running
                         && string.Equals(announced.Module, request.Module.Trim(), StringComparison.OrdinalIgnoreCase),
            null, cancellationToken);

    /// <summary>Resumes an interrupted rollout in this process; returns once this process has taken it over.</summary>
    public Task<Guid> ResumeAsync(RolloutSummary rollout, string actor, CancellationToken cancellationToken) =>
        LaunchAsync("resume", rollout.Module,
            stopping => engine.ResumeRolloutAsync(rollout.Id, actor, stopping),
            announced => announced.RolloutId == rollout.Id,
            // A resumed rollout whose tenants were all done announces only its end: seeing it no longer interrupted is enough.
            async token => !(await engine.GetRolloutAsync(rollout.Id, token)).Summary.Interrupted ? rollout.Id : null,
            cancellationToken);

    private async Task<Guid> LaunchAsync(string what, string module, Func<CancellationToken, Task<RolloutOutcome>> start,
        Func<RolloutEvent, bool> isOurs, Func<CancellationToken, Task<Guid?>>? taken, CancellationToken cancellationToken)
    {
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscription = events.SubscribeAsync(listening.Token).GetAsyncEnumerator(listening.Token);
        var next = subscription.MoveNextAsync().AsTask(); // subscribed from here on, before the rollout can announce itself
        var rollout = Task.Run(() => start(lifetime.ApplicationStopping), CancellationToken.None);
        _ = ObserveAsync(rollout, what, module);
        try
        {
            while (true)
            {
                var poll = taken is null ? Task.Delay(Timeout.Infinite, listening.Token) : Task.Delay(ResumePoll, listening.Token);
                var first = await Task.WhenAny(next, rollout, poll);
                if (first == rollout) return (await rollout).Rollout.Id;
                if (first == poll)
                {
                    if (await taken!(cancellationToken) is { } id) return id;
                    continue;
                }
                if (!await next) return (await rollout).Rollout.Id;
                var announced = subscription.Current;
                next = subscription.MoveNextAsync().AsTask();
                if (!isOurs(announced)) continue;
                LogLaunched(what, announced.RolloutId, module);
                return announced.RolloutId;
            }
        }
        finally
        {
            await listening.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* the subscription ends here */ }
            await subscription.DisposeAsync();
        }
    }

    /// <summary>Logs how every background rollout ended; the page that started it has moved on.</summary>
    private async Task ObserveAsync(Task<RolloutOutcome> rollout, string what, string module)
    {
        try
        {
            var outcome = await rollout;
            LogEnded(what, outcome.Rollout.Id, module, outcome.Status);
        }
        catch (Exception e)
        {
            // A refusal was shown to the page that asked; a failure later is in the catalog. This is for the log.
            LogCrashed(e, what, module);
        }
    }

    [LoggerMessage(6201, LogLevel.Information, "Dashboard {What} of rollout {RolloutId} of module {Module}")]
    private partial void LogLaunched(string what, Guid rolloutId, string module);

    [LoggerMessage(6202, LogLevel.Information, "Dashboard {What} of rollout {RolloutId} of module {Module} ended: {Status}")]
    private partial void LogEnded(string what, Guid rolloutId, string module, string status);

    [LoggerMessage(6203, LogLevel.Warning, "Dashboard {What} of a rollout of module {Module} raised an error")]
    private partial void LogCrashed(Exception exception, string what, string module);
}
