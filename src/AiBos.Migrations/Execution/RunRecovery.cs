using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Execution;

/// <summary>A run found abandoned by a dead process, and how it was recovered.</summary>
public sealed record RecoveredRun(Guid RunId, string Tenant, string Module, RunOutcome Outcome);

/// <summary>
/// Finds runs left running by a process that died (its heartbeat is stale and nobody holds the tenant's lock) and
/// rolls them back, or holds them for an operator when their policy says so. Runs at host start, periodically,
/// and before every new run of a tenant.
/// </summary>
public sealed class RunRecovery(
    CatalogDatabase catalog, TenantService tenants, ShardConnections shards, MigrationRegistry registry,
    IEnumerable<IRunStep> steps, ActiveRuns active, RunContextFactory contexts, RunRollback rollback,
    RunRecorder recorder, ILogger<RunRecovery> logger)
{
    private readonly IReadOnlyList<IRunStep> _pipeline = steps.OrderBy(s => s.Order).ToList();


    public async Task<IReadOnlyList<RecoveredRun>> RecoverAbandonedRunsAsync(CancellationToken cancellationToken)
    {
        var recovered = new List<RecoveredRun>();
        foreach (var tenantKey in (await ActiveRunsAsync(null, cancellationToken)).Select(r => r.TenantKey).Distinct())
        {
            var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
            await using var session = await TenantSession.TryAcquireAsync(shards, tenant, TimeSpan.Zero, cancellationToken);
            if (session is null) continue; // its owner is alive
            recovered.AddRange(await RecoverAsync(session, cancellationToken) ?? []);
        }
        return recovered;
    }

    /// <summary>
    /// With the tenant's lock held, recovers the tenant's abandoned runs. False when a run of the tenant still has a
    /// fresh heartbeat (its owner may be reconnecting): the caller treats the tenant as busy.
    /// </summary>
    public async Task<bool> RecoverTenantAsync(TenantSession session, CancellationToken cancellationToken) =>
        await RecoverAsync(session, cancellationToken) is not null;

    private async Task<List<RecoveredRun>?> RecoverAsync(TenantSession session, CancellationToken cancellationToken)
    {
        var runs = await ActiveRunsAsync(session.Tenant.Key, cancellationToken);
        if (runs.Any(r => r.HeartbeatAt > DateTimeOffset.UtcNow - contexts.Settings.AbandonedAfter)) return null;
        var recovered = new List<RecoveredRun>();
        foreach (var run in runs)
            recovered.Add(new RecoveredRun(run.Id, run.TenantKey, run.Module, await RecoverRunAsync(session, run, cancellationToken)));
        return recovered;
    }

    private async Task<RunOutcome> RecoverRunAsync(TenantSession session, ModuleMigrationRow run, CancellationToken cancellationToken)
    {
        var options = JsonSerializer.Deserialize<MigrationOptions>(run.Options, RunOptionsJson.Options) ?? new MigrationOptions();
        var policy = options.RollbackOnFailure ? "roll back" : "hold for an operator";
        logger.RecoveringAbandonedRun(run.Id, run.TenantKey, run.Module, run.Owner ?? "unknown", policy);
        await ClaimAsync(run.Id, cancellationToken);

        var interrupted = run.Steps.FirstOrDefault(s => s.Status == StepStatus.Running)?.Kind ?? run.FailedStep ?? "unknown";
        var reason = run.Status == RunStatus.RollingBack
            ? $"{run.Error} The process rolling it back ({run.Owner}) stopped; the rollback was resumed."
            : $"The process running it ({run.Owner}) stopped during step {interrupted}.";
        if (run.Steps.Any(s => s.Kind == interrupted && s.Status == StepStatus.Running))
            await recorder.SetStepStatusAsync(run.Id, interrupted, StepStatus.Failed, error: reason, cancellationToken: cancellationToken);
        if (!options.RollbackOnFailure && run.Status == RunStatus.Running)
        {
            var why = $"{reason} Its policy (no rollback on failure) holds it for an operator.";
            await recorder.SetRunStatusAsync(run.Id, RunStatus.NeedsOperator, error: why, failedStep: interrupted, finished: true, cancellationToken: cancellationToken);
            return new NeedsOperator(run.Id, why);
        }

        var plan = new MigrationPlan(run.TenantKey, run.Module, SemanticVersion.Parse(run.FromVersion), SemanticVersion.Parse(run.ToVersion), [], []);
        var context = contexts.Create(run.Id, session.Tenant, plan, options, session, await registry.GetAllMigrationsAsync(cancellationToken));
        var toUndo = run.Steps
            .Where(s => s.Status is StepStatus.Running or StepStatus.Completed or StepStatus.Failed)
            .OrderByDescending(s => s.Ordinal)
            .Select(s => _pipeline.Single(p => p.Kind == s.Kind))
            .ToList();
        return await rollback.RollBackAsync(context, toUndo, interrupted, reason, cancellationToken);
    }

    private async Task ClaimAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        await db.ModuleMigrations.Where(r => r.Id == runId).ExecuteUpdateAsync(
            u => u.SetProperty(r => r.Owner, active.Owner).SetProperty(r => r.HeartbeatAt, DateTimeOffset.UtcNow), cancellationToken);
    }

    private async Task<List<ModuleMigrationRow>> ActiveRunsAsync(string? tenantKey, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var query = db.ModuleMigrations.AsNoTracking().Include(r => r.Steps)
            .Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.RollingBack);
        if (tenantKey is not null) query = query.Where(r => r.TenantKey == tenantKey);
        var runs = await query.OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return runs.Where(r => !active.IsActive(r.Id)).ToList();
    }
}
