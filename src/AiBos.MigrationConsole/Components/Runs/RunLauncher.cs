using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.MigrationConsole.Api.Runs;
using ApiRunLauncher = AiBos.MigrationConsole.Api.Runs.RunLauncher;

namespace AiBos.MigrationConsole.Components.Runs;

/// <summary>
/// Starts runs for pages without tying them to a circuit, through the same launcher as the REST API: the run goes on
/// in the host's background work (a closed tab does not cancel it; shutting the console down does, the engine rolls
/// it back per the run's policy and the host waits for that). The page gets the new run's id as soon as this process
/// announces it; when the engine refuses before creating a run (busy tenant, rejected plan) the page gets that outcome,
/// and bad input is thrown.
/// </summary>
public sealed class RunLauncher(ModuleMigrationService engine, ApiRunLauncher launcher)
{
    /// <summary>Starts an upgrade, downgrade or install (from "0.0.0").</summary>
    public Task<LaunchResult> StartMigrationAsync(string tenant, string module, string from, string to, MigrationOptions options, CancellationToken cancellationToken) =>
        LaunchAsync(tenant, module, _ => true, stopping => engine.ExecuteModuleMigrationAsync(tenant, module, from, to, options, stopping), cancellationToken);

    /// <summary>Undoes a finished run with a rollback run of its own.</summary>
    public Task<LaunchResult> StartRollbackAsync(MigrationRun run, string actor, CancellationToken cancellationToken) =>
        LaunchAsync(run.Tenant, run.Module, created => created.RunId != run.Id, stopping => engine.RollbackMigrationAsync(run.Id, actor, stopping), cancellationToken);

    /// <summary>Continues a stopped run in this process; the run keeps its id.</summary>
    public Task<LaunchResult> ResumeAsync(MigrationRun run, string actor, CancellationToken cancellationToken) =>
        LaunchAsync(run.Tenant, run.Module, resumed => resumed.RunId == run.Id, stopping => engine.ResumeMigrationAsync(run.Id, actor, stopping), cancellationToken);

    private async Task<LaunchResult> LaunchAsync(string tenant, string module, Func<RunEvent, bool> isOurs, Func<CancellationToken, Task<RunOutcome>> start,
        CancellationToken cancellationToken) =>
        await launcher.StartAsync(tenant, module, isOurs, start, cancellationToken) switch
        {
            RunStarted started => new LaunchResult.Started(started.RunId),
            // The engine answered before any run of ours appeared: a refusal, or (rarely) a run that was over that fast.
            RunEnded ended => OutcomeDocument.RunIdOf(ended.Result) is { } id ? new LaunchResult.Started(id) : new LaunchResult.Refused(ended.Result),
            _ => throw new InvalidOperationException("A run launch ends started or ended."),
        };
}
