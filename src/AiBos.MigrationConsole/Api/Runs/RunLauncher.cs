using System.Collections.Concurrent;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>
/// Starts an engine call that runs a migration in the background and answers as soon as the run's id is known.
/// The engine assigns the id only once it holds the tenant's lock and has recorded the run, and announces that
/// with a run-level "running" event on this process's <see cref="RunEventBus"/>; the launcher listens for that
/// event (subscribed before the call starts, so it cannot be missed) or for the call to end first (refused,
/// invalid input, or already over).
/// Two launches for the same tenant take turns until their run is identified, so that one never mistakes the
/// other's run for its own (the tenant's lock lets only one of them run anyway).
/// </summary>
public sealed partial class RunLauncher(RunEventBus bus, BackgroundWork background, TenantService tenants, ILogger<RunLauncher> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new(StringComparer.Ordinal);

    /// <param name="tenant">The run's tenant.</param>
    /// <param name="module">The run's module.</param>
    /// <param name="isThisRun">Recognizes the run's "running" event, e.g. its id for a resume.</param>
    /// <param name="run">The engine call; it gets the host's stopping token, not the request's.</param>
    /// <param name="cancellationToken">The request's token: stops waiting, never the run.</param>
    public async Task<RunStart> StartAsync(string tenant, string module, Func<RunEvent, bool> isThisRun,
        Func<CancellationToken, Task<RunOutcome>> run, CancellationToken cancellationToken)
    {
        // Known tenants only (a 400 or 404 otherwise), so that the turns kept are one per registered tenant.
        var known = await tenants.GetTenantAsync(tenant, cancellationToken);
        var turn = turns.GetOrAdd(known.Key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        using var stopListening = new CancellationTokenSource();
        var events = bus.SubscribeAsync(stopListening.Token).GetAsyncEnumerator(stopListening.Token);
        var next = events.MoveNextAsync().AsTask(); // subscribes now, before the run starts
        try
        {
            var outcome = background.Start(new BackgroundWorkItem("run", tenant, module), run,
                ended => (OutcomeDocument.RunIdOf(ended), ended.GetType().Name));
            while (true)
            {
                if (await Task.WhenAny(next, outcome).WaitAsync(cancellationToken) == outcome)
                    return new RunEnded(await outcome, outcome); // an exception here is the call's refusal, mapped by the API
                if (!await next) return new RunEnded(await outcome.WaitAsync(cancellationToken), outcome);
                var runEvent = events.Current;
                next = events.MoveNextAsync().AsTask();
                if (runEvent.Tenant == tenant && runEvent.Module == module && runEvent.Step is null
                    && runEvent.Status == RunStatus.Running && isThisRun(runEvent))
                {
                    LogStarted(runEvent.RunId, tenant, module);
                    return new RunStarted(runEvent.RunId, outcome);
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

    [LoggerMessage(5110, LogLevel.Information, "API started run {RunId} for tenant {Tenant}, module {Module}; it goes on in the background")]
    private partial void LogStarted(Guid runId, string tenant, string module);
}
