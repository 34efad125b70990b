using AiBos.Migrations;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Components.Runs;

/// <summary>
/// Starts runs for pages without tying them to a circuit: the run goes on in the background under the application's
/// stopping token (a closed tab does not cancel it; shutting the console down does, and the engine then rolls back per
/// the run's policy). The engine assigns the run id when it creates the run, after the lock, the plan and the checks, so
/// the launcher listens to this process's run events and hands the page the id of the run that appeared; when the
/// engine refuses before creating a run (busy tenant, rejected plan, bad input) the page gets that outcome instead.
/// </summary>
public sealed partial class RunLauncher(ModuleMigrationService engine, RunEventBus events, IHostApplicationLifetime lifetime, ILogger<RunLauncher> logger)
{
    /// <summary>Starts an upgrade, downgrade or install (from "0.0.0").</summary>
    public Task<LaunchResult> StartMigrationAsync(string tenant, string module, string from, string to, MigrationOptions options, CancellationToken cancellationToken) =>
        LaunchAsync(tenant, module, "migration",
            stopping => engine.ExecuteModuleMigrationAsync(tenant, module, from, to, options, stopping),
            run => run.Kind != RunKind.Rollback && run.FromVersion == from && run.ToVersion == to, cancellationToken);

    /// <summary>Undoes a finished run with a rollback run of its own.</summary>
    public Task<LaunchResult> StartRollbackAsync(MigrationRun run, string actor, CancellationToken cancellationToken) =>
        LaunchAsync(run.Tenant, run.Module, "rollback",
            stopping => engine.RollbackMigrationAsync(run.Id, actor, stopping),
            created => created.Kind == RunKind.Rollback && created.RollbackOf == run.Id, cancellationToken);

    /// <summary>Continues a stopped run in this process; the run keeps its id.</summary>
    public Task<LaunchResult> ResumeAsync(MigrationRun run, string actor, CancellationToken cancellationToken) =>
        LaunchAsync(run.Tenant, run.Module, "resume",
            stopping => engine.ResumeMigrationAsync(run.Id, actor, stopping),
            resumed => resumed.Id == run.Id, cancellationToken);

    private async Task<LaunchResult> LaunchAsync(string tenant, string module, string what, Func<CancellationToken, Task<RunOutcome>> start,
        Func<MigrationRun, bool> isOurs, CancellationToken cancellationToken)
    {
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscription = events.SubscribeAsync(listening.Token).GetAsyncEnumerator(listening.Token);
        var next = subscription.MoveNextAsync().AsTask(); // subscribed from here on, before the run can announce itself
        var run = Task.Run(() => start(lifetime.ApplicationStopping), CancellationToken.None);
        _ = ObserveAsync(run, what, tenant, module);
        try
        {
            while (true)
            {
                if (await Task.WhenAny(next, run) == run)
                    return await FinishedBeforeSeenAsync(run);
                if (!await next) return await FinishedBeforeSeenAsync(run);
                var runEvent = subscription.Current;
                next = subscription.MoveNextAsync().AsTask();
                if (runEvent.Tenant != tenant || runEvent.Module != module || runEvent.Step is not null || runEvent.Status != RunStatus.Running) continue;
                var created = await engine.GetMigrationAsync(runEvent.RunId, cancellationToken);
                if (!isOurs(created)) continue;
                LogStarted(what, created.Id, tenant, module);
                return new LaunchResult.Started(created.Id);
            }
        }
        finally
        {
            await listening.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* the subscription ends here */ }
            await subscription.DisposeAsync();
        }
    }

    /// <summary>The engine answered before any run of ours appeared: a refusal, or (rarely) a run that was over that fast.</summary>
    private static async Task<LaunchResult> FinishedBeforeSeenAsync(Task<RunOutcome> run)
    {
        var outcome = await run;
        return RunIdOf(outcome) is { } id ? new LaunchResult.Started(id) : new LaunchResult.Refused(outcome);
    }

    /// <summary>Logs how every background run ended; a page that has moved on no longer awaits it.</summary>
    private async Task ObserveAsync(Task<RunOutcome> run, string what, string tenant, string module)
    {
        try
        {
            var outcome = await run;
            LogEnded(what, RunIdOf(outcome), tenant, module, outcome.GetType().Name);
        }
        catch (Exception e)
        {
            // The run's own state is in the catalog (the engine records failures before raising); a refusal was
            // already shown to the page that asked. This is for the log.
            LogCrashed(e, what, tenant, module);
        }
    }

    internal static Guid? RunIdOf(RunOutcome outcome) => outcome switch
    {
        Completed c => c.RunId,
        RolledBack r => r.RunId,
        Failed f => f.RunId,
        NeedsOperator n => n.RunId,
        _ => null,
    };

    [LoggerMessage(6001, LogLevel.Information, "Dashboard started {What} run {RunId} for tenant {Tenant}, module {Module}")]
    private partial void LogStarted(string what, Guid runId, string tenant, string module);

    [LoggerMessage(6002, LogLevel.Information, "Dashboard {What} run {RunId} for tenant {Tenant}, module {Module} ended: {Outcome}")]
    private partial void LogEnded(string what, Guid? runId, string tenant, string module, string outcome);

    [LoggerMessage(6003, LogLevel.Warning, "Dashboard {What} for tenant {Tenant}, module {Module} raised an error")]
    private partial void LogCrashed(Exception exception, string what, string tenant, string module);
}
