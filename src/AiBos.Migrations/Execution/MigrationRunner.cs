using System.Diagnostics;
using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Executes one run: takes the tenant's lock, reconciles the catalog with the tenant, plans, then runs the step
/// pipeline. Any failure, failed validation, timeout or operator request rolls the run back per its policy.
/// </summary>
public sealed class MigrationRunner(
    TenantService tenants, ShardConnections shards, MigrationRegistry registry, RunRecorder recorder,
    IEnumerable<IRunStep> steps, ActiveRuns active, CatalogMirror mirror, RunContextFactory contexts,
    RunRollback rollback, RunRecovery recovery, RunHeartbeat heartbeat, RunQueries runs, Backups.BackupService backups,
    ILogger<MigrationRunner> logger)
{
    private readonly IReadOnlyList<IRunStep> _pipeline = steps.OrderBy(s => s.Order).ToList();

    public async Task<RunOutcome> ExecuteAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        var (from, to, options) = ValidateRequest(request);
        var tenant = await tenants.GetTenantAsync(request.Tenant, cancellationToken);
        var module = request.Module;
        if (!await registry.ModuleExistsAsync(module, cancellationToken))
            throw new NotFoundException($"Module '{module}' is not registered: register its migrations first.");
        var versions = await registry.GetVersionsAsync(module, cancellationToken);
        if (!to.IsNone && !versions.Contains(to))
            throw new InvalidInputException($"Version {to} of module '{module}' is not registered. Registered versions: {(versions.Count == 0 ? "none" : string.Join(", ", versions))}.");

        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, contexts.Settings.TenantLockWait, cancellationToken);
        if (session is null)
        {
            logger.TenantBusy(tenant.Key, module);
            return new TenantBusy(tenant.Key);
        }
        if (!await recovery.RecoverTenantAsync(session, cancellationToken))
            return new TenantBusy(tenant.Key);
        // Tenants registered by an older engine get the bookkeeping tables added since.
        await TenantBookkeeping.EnsureAsync(session.Connection, tenant.Schema, cancellationToken);

        var state = await TenantHistory.ReadStateAsync(session.Connection, tenant.Schema, cancellationToken);
        await mirror.SyncAsync(tenant.Key, state, cancellationToken);
        var current = state.VersionOf(module);
        if (current != from)
            return new PlanRejected([$"Tenant '{tenant.Key}' is at version {Shown(current)} of module '{module}', not {Shown(from)}: run from {Shown(current)} instead."]);
        var all = await registry.GetAllMigrationsAsync(cancellationToken);
        var plan = MigrationPlanner.Plan(tenant.Key, module, from, to, all, state);
        if (!plan.CanRun) return new PlanRejected(plan.Problems);

        var volume = await Validation.DataVolume.ReadAsync(session.Connection, tenant.Schema, module, cancellationToken);
        var runId = Guid.CreateVersion7();
        var context = contexts.Create(runId, tenant, plan, options, session, all);
        context.TablesAtStart = volume.Select(v => v.Table).ToHashSet(StringComparer.Ordinal);
        var pipeline = new List<IRunStep>();
        foreach (var step in _pipeline)
            if (await step.AppliesToAsync(context, cancellationToken)) pipeline.Add(step);
        await recorder.CreateRunAsync(new ModuleMigrationRow
        {
            Id = runId, TenantKey = tenant.Key, Module = module, FromVersion = from.ToString(), ToVersion = to.ToString(),
            Kind = from.IsNone ? RunKind.Install : to > from ? RunKind.Upgrade : RunKind.Downgrade,
            Status = RunStatus.Running, Options = JsonSerializer.Serialize(options, RunOptionsJson.Options), RequestedBy = options.RequestedBy,
            CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow, HeartbeatAt = DateTimeOffset.UtcNow, Owner = active.Owner,
            ModuleRows = volume.Sum(v => v.Rows),
        }, pipeline.Select(s => (s.Kind, s.Name)).ToList(), cancellationToken);
        logger.RunStarted(runId, tenant.Key, module, from.ToString(), to.ToString());
        return await DriveAsync(context, pipeline, [], cancellationToken);
    }

    /// <summary>
    /// Continues a run that stopped half-way: one whose process died (still "running" with a stale heartbeat, not yet
    /// recovered), or one held for an operator or failed under a no-rollback policy. Its finished steps are kept, the
    /// rest run again from where they stopped: the schema step skips files already applied, the data step continues
    /// from each rule's checkpoint.
    /// </summary>
    public async Task<RunOutcome> ResumeAsync(Guid runId, string? actor, CancellationToken cancellationToken)
    {
        var run = await runs.GetRowAsync(runId, cancellationToken);
        var options = JsonSerializer.Deserialize<MigrationOptions>(run.Options, RunOptionsJson.Options) ?? new MigrationOptions();
        var held = run.Status is RunStatus.NeedsOperator or RunStatus.Failed && !options.RollbackOnFailure && run.Steps.All(s => s.Status != StepStatus.RolledBack);
        if (run.Kind == RunKind.Rollback || !(run.Status == RunStatus.Running || held))
            throw new InvalidInputException($"Run {runId} is {run.Status}: only a run interrupted while running, or held or failed without automatic rollback, can be resumed; roll it back instead.");
        if (active.IsActive(runId)) return new TenantBusy(run.TenantKey);

        var tenant = await tenants.GetTenantAsync(run.TenantKey, cancellationToken);
        await using var session = await TenantSession.TryAcquireAsync(shards, tenant, contexts.Settings.TenantLockWait, cancellationToken);
        if (session is null || run.Status == RunStatus.Running && run.HeartbeatAt > DateTimeOffset.UtcNow - contexts.Settings.AbandonedAfter)
        {
            logger.TenantBusy(tenant.Key, run.Module);
            return new TenantBusy(tenant.Key); // its owner holds the tenant, or may still be reconnecting
        }
        await TenantBookkeeping.EnsureAsync(session.Connection, tenant.Schema, cancellationToken);
        var state = await TenantHistory.ReadStateAsync(session.Connection, tenant.Schema, cancellationToken);
        var all = await registry.GetAllMigrationsAsync(cancellationToken);
        var plan = MigrationPlanner.Plan(tenant.Key, run.Module, SemanticVersion.Parse(run.FromVersion), SemanticVersion.Parse(run.ToVersion), all, state);
        if (!plan.CanRun) return new PlanRejected(plan.Problems);

        var context = contexts.Create(runId, tenant, plan, options, session, all);
        context.BackupId = await backups.FindRunBackupAsync(runId, cancellationToken);
        var finished = run.Steps.Where(s => s.Status == StepStatus.Completed).Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);
        var planned = run.Steps.OrderBy(s => s.Ordinal).Select(s => _pipeline.Single(p => p.Kind == s.Kind)).ToList();
        await recorder.ResumeRunAsync(runId, active.Owner, cancellationToken);
        logger.RunResumed(runId, tenant.Key, run.Module, actor ?? Environment.UserName, string.Join(", ", finished));
        return await DriveAsync(context, planned.Where(s => !finished.Contains(s.Kind)).ToList(), planned.Where(s => finished.Contains(s.Kind)).ToList(), cancellationToken);
    }

    // Runs the steps of a registered run with its heartbeat beating, then mirrors the tenant's state into the catalog.
    private async Task<RunOutcome> DriveAsync(RunContext context, List<IRunStep> pipeline, List<IRunStep> alreadyDone, CancellationToken cancellationToken)
    {
        var operatorRequest = active.Register(context.RunId);
        using var stopHeartbeat = new CancellationTokenSource();
        var beating = heartbeat.RunAsync(context.RunId, operatorRequest, stopHeartbeat.Token);
        try
        {
            var outcome = await RunPipelineAsync(context, pipeline, alreadyDone, context.Options, operatorRequest.Token, cancellationToken);
            if (outcome is Completed or RolledBack)
                await mirror.SyncAsync(context.Tenant.Key, await TenantHistory.ReadStateAsync(context.Session.Connection, context.Tenant.Schema, CancellationToken.None), CancellationToken.None);
            return outcome;
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await beating;
            active.Unregister(context.RunId);
        }
    }

    private async Task<RunOutcome> RunPipelineAsync(RunContext context, List<IRunStep> pipeline, List<IRunStep> alreadyDone, MigrationOptions options,
        CancellationToken operatorToken, CancellationToken callerToken)
    {
        var watch = Stopwatch.StartNew();
        var timeout = options.Timeout ?? contexts.Settings.RunTimeout;
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, deadline.Token, operatorToken);
        var done = new List<IRunStep>(alreadyDone);
        foreach (var step in pipeline)
        {
            context.CurrentStep = step.Kind;
            var stepWatch = Stopwatch.StartNew();
            try
            {
                await recorder.SetStepStatusAsync(context.RunId, step.Kind, StepStatus.Running, cancellationToken: linked.Token);
                await step.ExecuteAsync(context, linked.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var reason = Reason(e, step, timeout, deadline.IsCancellationRequested, operatorToken.IsCancellationRequested, callerToken.IsCancellationRequested);
                logger.StepFailed(step.Kind, context.RunId, context.Tenant.Key, context.Module, reason);
                return await FailAsync(context, step, done, reason, options);
            }
            await recorder.SetStepStatusAsync(context.RunId, step.Kind, StepStatus.Completed, cancellationToken: CancellationToken.None);
            await recorder.AddRollbackPointAsync(new RollbackPointRow
            {
                RunId = context.RunId, TenantKey = context.Tenant.Key, Module = context.Module, Version = context.Plan.From.ToString(),
                Step = step.Kind, Description = $"{step.Name} completed",
                State = JsonSerializer.Serialize(new { backupId = context.BackupId }, RunOptionsJson.Options),
            }, CancellationToken.None);
            logger.StepCompleted(step.Kind, context.RunId, context.Tenant.Key, context.Module, stepWatch.ElapsedMilliseconds);
            done.Add(step);
        }
        await recorder.SetRunStatusAsync(context.RunId, RunStatus.Completed, finished: true, cancellationToken: CancellationToken.None);
        logger.RunEnded(context.RunId, context.Tenant.Key, context.Module, RunStatus.Completed);
        return new Completed(context.RunId, watch.Elapsed);
    }

    private async Task<RunOutcome> FailAsync(RunContext context, IRunStep failed, List<IRunStep> done, string reason, MigrationOptions options)
    {
        // The run's own token may be cancelled (timeout, operator): the rollback gets a deadline of its own.
        using var rollbackDeadline = new CancellationTokenSource(contexts.Settings.RollbackTimeout);
        var token = rollbackDeadline.Token;
        await context.Session.EnsureHealthyAsync(contexts.Settings.TenantLockWait + TimeSpan.FromSeconds(30), token);
        await recorder.SetStepStatusAsync(context.RunId, failed.Kind, StepStatus.Failed, error: reason, cancellationToken: token);
        if (!options.RollbackOnFailure)
        {
            await recorder.SetRunStatusAsync(context.RunId, RunStatus.Failed, error: reason, failedStep: failed.Kind, finished: true, cancellationToken: token);
            logger.RunEnded(context.RunId, context.Tenant.Key, context.Module, RunStatus.Failed);
            return new Failed(context.RunId, failed.Kind, reason);
        }
        var toUndo = new List<IRunStep> { failed };
        toUndo.AddRange(Enumerable.Reverse(done));
        return await rollback.RollBackAsync(context, toUndo, failed.Kind, reason, token);
    }

    private static string Reason(Exception e, IRunStep step, TimeSpan timeout, bool timedOut, bool operatorRequested, bool callerCancelled)
    {
        if (operatorRequested) return "An operator forced a rollback.";
        if (timedOut) return $"The run exceeded its timeout of {timeout.TotalSeconds:0.#} s during step {step.Kind}.";
        if (callerCancelled) return "The run was cancelled by its caller.";
        return RunRollback.Describe(e);
    }

    private static (SemanticVersion From, SemanticVersion To, MigrationOptions Options) ValidateRequest(MigrationRequest request)
    {
        Identifiers.ValidateTenantKey(request.Tenant);
        Identifiers.ValidateModuleName(request.Module);
        var from = SemanticVersion.Parse(request.FromVersion, "from-version");
        var to = SemanticVersion.Parse(request.ToVersion, "target version");
        var options = request.Options ?? new MigrationOptions();
        var problems = new List<string>();
        if (from == to) problems.Add($"The from-version and the target version are both {from}: nothing to migrate.");
        if (options.BatchSize is < 1 or > 1_000_000) problems.Add($"The batch size {options.BatchSize} is out of range: use 1 to 1,000,000.");
        try { Backups.BackupKinds.ParseType(options.BackupType); } catch (InvalidInputException e) { problems.AddRange(e.Problems); }
        if (options.Timeout is { } t && t <= TimeSpan.Zero) problems.Add("The run timeout must be positive.");
        if (options.LockTimeout is { } l && (l < TimeSpan.FromMilliseconds(10) || l > TimeSpan.FromMinutes(10))) problems.Add("The lock timeout must be between 10 ms and 10 minutes.");
        if (options.RollbackVersion is { } rv && SemanticVersion.TryParse(rv, out var parsed) && parsed != from)
            problems.Add($"rollbackVersion {rv} is not supported: a failed run always returns to its from-version {from}.");
        else if (options.RollbackVersion is { } bad && !SemanticVersion.TryParse(bad, out _))
            problems.Add($"rollbackVersion '{bad}' is not a semantic version.");
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return (from, to, options);
    }

    private static string Shown(SemanticVersion version) => version.IsNone ? "0.0.0 (not installed)" : version.ToString();
}

internal static class RunOptionsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
