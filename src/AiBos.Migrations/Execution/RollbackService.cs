using AiBos.Migrations.Catalog;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Execution;

/// <summary>
/// The seed's manual rollback (<c>rollback-migration -i</c>): a running run is stopped and rolled back; a finished
/// run is undone by a rollback run of its own that returns the tenant to the run's from-version, verified.
/// </summary>
public sealed class RollbackService(
    CatalogDatabase catalog, TenantService tenants, ShardConnections shards, MigrationRegistry registry,
    IEnumerable<IRunStep> steps, ActiveRuns active, RunContextFactory contexts, RunRecorder recorder,
    RunRecovery recovery, CatalogMirror mirror, AuditLog audit, ILogger<RollbackService> logger)
{
    private readonly IReadOnlyList<IRunStep> _pipeline = steps.OrderBy(s => s.Order).ToList();

    public async Task<RunOutcome> RollbackMigrationAsync(Guid runId, string? actor, CancellationToken cancellationToken)
    {
        var run = await LoadAsync(runId, cancellationToken);
        if (RunStatus.IsActive(run.Status))
            return await StopRunningAsync(run, actor, cancellationToken);
        if (run.Status == RunStatus.RolledBack)
            throw new InvalidInputException($"Run {runId} is already rolled back.");
        if (run.Kind == RunKind.Rollback)
            throw new InvalidInputException($"Run {runId} is itself a rollback: run the upgrade again instead of rolling it back.");
        return await UndoFinishedRunAsync(run, actor, cancellationToken);
    }

    /// <summary>Asks a running run (in this or any process) to stop and roll back; the run's heartbeat picks it up.</summary>
    public async Task RequestRollbackAsync(Guid runId, string? actor, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var requester = actor ?? Environment.UserName;
        var updated = await db.ModuleMigrations.Where(r => r.Id == runId && (r.Status == RunStatus.Running))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.RollbackRequestedBy, requester), cancellationToken);
        if (updated == 0)
            throw new InvalidInputException($"Run {runId} is not running, so there is nothing to stop.");
        active.RequestRollback(runId);
        var run = await db.ModuleMigrations.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        await audit.WriteAsync("run.rollback-requested", null, run.TenantKey, run.Module, runId, requester, cancellationToken);
    }

    private async Task<RunOutcome> StopRunningAsync(ModuleMigrationRow run, string? actor, CancellationToken cancellationToken)
    {
        if (run.Status == RunStatus.Running) await RequestRollbackAsync(run.Id, actor, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(contexts.Settings.RollbackTimeout);
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
            var current = await LoadAsync(run.Id, limit.Token);
            if (RunStatus.IsActive(current.Status)) continue;
            return current.Status switch
            {
                RunStatus.RolledBack => new RolledBack(current.Id, current.FailedStep ?? "", current.Error ?? "", current.RollbackPath ?? RollbackPath.DownSql),
                RunStatus.NeedsOperator => new NeedsOperator(current.Id, current.Error ?? ""),
                RunStatus.Failed => new Failed(current.Id, current.FailedStep ?? "", current.Error ?? ""),
                // It finished before the request arrived: undo it like any finished run.
                _ => await UndoFinishedRunAsync(current, actor, cancellationToken),
            };
        }
    }

    private async Task<RunOutcome> UndoFinishedRunAsync(ModuleMigrationRow target, string? actor, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetTenantAsync(target.TenantKey, cancellationToken);
        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, contexts.Settings.TenantLockWait, cancellationToken);
        if (session is null || !await recovery.RecoverTenantAsync(session, cancellationToken))
            return new TenantBusy(tenant.Key);

        var from = SemanticVersion.Parse(target.FromVersion);
        var to = SemanticVersion.Parse(target.ToVersion);
        var state = await TenantHistory.ReadStateAsync(session.Connection, tenant.Schema, cancellationToken);
        if (target.Status == RunStatus.Completed && state.VersionOf(target.Module) != to)
            return new PlanRejected([$"Tenant '{tenant.Key}' is now at version {state.VersionOf(target.Module)} of '{target.Module}', not {to}: roll back the later run first."]);

        var toUndo = target.Steps.Where(s => s.Status is StepStatus.Completed or StepStatus.Failed or StepStatus.Running)
            .OrderByDescending(s => s.Ordinal).Select(s => _pipeline.Single(p => p.Kind == s.Kind)).ToList();
        var runId = Guid.CreateVersion7();
        var requester = actor ?? Environment.UserName;
        var rollbackOptions = new MigrationOptions { RequestedBy = requester };
        await recorder.CreateRunAsync(new ModuleMigrationRow
        {
            Id = runId, TenantKey = tenant.Key, Module = target.Module, FromVersion = to.ToString(), ToVersion = from.ToString(),
            Kind = RunKind.Rollback, Status = RunStatus.Running, RollbackOf = target.Id, RequestedBy = requester, Owner = active.Owner,
            CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow, HeartbeatAt = DateTimeOffset.UtcNow,
        }, [.. toUndo.Select(s => (s.Kind, $"Undo: {s.Name}")), (VerifyStep, "Verify Rollback")], cancellationToken);

        var plan = new MigrationPlan(tenant.Key, target.Module, from, to, [], []);
        var context = contexts.Create(runId, tenant, plan, rollbackOptions, session, await registry.GetAllMigrationsAsync(cancellationToken), undoRunId: target.Id);
        try
        {
            foreach (var step in toUndo)
            {
                context.CurrentStep = step.Kind;
                await recorder.SetStepStatusAsync(runId, step.Kind, StepStatus.Running, cancellationToken: cancellationToken);
                await step.RollbackAsync(context, cancellationToken);
                await recorder.SetStepStatusAsync(runId, step.Kind, StepStatus.Completed, cancellationToken: cancellationToken);
            }
            context.CurrentStep = VerifyStep;
            await recorder.SetStepStatusAsync(runId, VerifyStep, StepStatus.Running, cancellationToken: cancellationToken);
            state = await TenantHistory.ReadStateAsync(session.Connection, tenant.Schema, cancellationToken);
            var problems = ValidationStep.HistoryProblems(target.Module, from, context.Registry, state);
            if (state.VersionOf(target.Module) != from)
                problems.Add($"The tenant's version of '{target.Module}' is {state.VersionOf(target.Module)}, not {from}.");
            if (problems.Count > 0) throw new StepFailedException(string.Join(" ", problems));
            await recorder.SetStepStatusAsync(runId, VerifyStep, StepStatus.Completed, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var why = $"Manual rollback of run {target.Id} failed in step {context.CurrentStep}: {RunRollback.Describe(e)}";
            logger.RollbackFailed(runId, tenant.Key, target.Module, context.CurrentStep, RunRollback.Describe(e));
            await recorder.SetStepStatusAsync(runId, context.CurrentStep, StepStatus.Failed, error: why, cancellationToken: CancellationToken.None);
            await recorder.SetRunStatusAsync(runId, RunStatus.NeedsOperator, error: why, failedStep: context.CurrentStep, finished: true, cancellationToken: CancellationToken.None);
            return new NeedsOperator(runId, why);
        }

        await recorder.SetRunStatusAsync(runId, RunStatus.Completed, rollbackPath: context.RollbackPath, finished: true, cancellationToken: cancellationToken);
        var reason = $"Rolled back by {requester} (run {runId}).";
        await recorder.SetRunStatusAsync(target.Id, RunStatus.RolledBack, error: target.Error ?? reason, rollbackPath: context.RollbackPath, cancellationToken: cancellationToken);
        await mirror.SyncAsync(tenant.Key, state, cancellationToken);
        await audit.WriteAsync("run.rolled-back", new { rollbackRun = runId }, tenant.Key, target.Module, target.Id, requester, cancellationToken);
        logger.RunEnded(runId, tenant.Key, target.Module, RunStatus.Completed);
        return new RolledBack(target.Id, "manual", reason, context.RollbackPath);
    }

    private const string VerifyStep = "verify";

    private async Task<ModuleMigrationRow> LoadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.ModuleMigrations.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new NotFoundException($"Migration run {runId} does not exist: list runs with list-migrations.");
    }
}
