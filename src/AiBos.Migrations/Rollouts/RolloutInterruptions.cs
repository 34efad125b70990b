using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Settles the tenants a rollout's stopped process left "running", before the rollout continues: the engine's
/// recovery first rolls back (or holds for an operator) the runs that process abandoned, then each tenant takes the
/// state its run ended in. A run that recovery rolled back was interrupted, not refused by the upgrade, so its tenant
/// is pending again; one that ended in the rollout's own process keeps its verdict.
/// </summary>
public sealed class RolloutInterruptions(
    RunRecovery recovery, RolloutQueries queries, RolloutRecorder recorder, IOptions<ExecutionOptions> execution, ILogger<RolloutInterruptions> logger)
{
    internal async Task ReconcileAsync(RolloutRow rollout, string previousOwner, CancellationToken cancellationToken)
    {
        var interrupted = rollout.Tenants.Where(t => t.Status == RolloutTenantStatus.Running).ToList();
        if (interrupted.Count == 0) return;
        await recovery.RecoverAbandonedRunsAsync(cancellationToken);
        // The runs' heartbeats stopped with the rollout's; a run may look alive for a beat longer than the rollout did.
        var settings = execution.Value;
        var deadline = DateTimeOffset.UtcNow + settings.AbandonedAfter * 2 + settings.TenantLockWait;
        foreach (var tenant in interrupted)
        {
            var since = tenant.StartedAt ?? rollout.CreatedAt;
            var run = await queries.FindRunAsync(rollout.Id, tenant.TenantKey, rollout.Module, since, cancellationToken);
            while (run is not null && RunStatus.IsActive(run.Status) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(settings.HeartbeatInterval, cancellationToken);
                await recovery.RecoverAbandonedRunsAsync(cancellationToken);
                run = await queries.FindRunAsync(rollout.Id, tenant.TenantKey, rollout.Module, since, cancellationToken);
            }
            var (status, reason) = Settle(run, previousOwner);
            await recorder.UpdateTenantAsync(rollout.Id, tenant.TenantKey, t =>
            {
                (t.Status, t.RunId, t.Reason) = (status, run?.Id, reason);
                t.FinishedAt = status == RolloutTenantStatus.Pending ? null : run?.FinishedAt ?? DateTimeOffset.UtcNow;
                if (status == RolloutTenantStatus.Pending) t.StartedAt = null;
            }, cancellationToken);
            logger.InterruptedTenantReconciled(rollout.Id, tenant.TenantKey, run?.Id, run?.Status ?? "not created", status);
        }
    }

    private static (string Status, string? Reason) Settle(ModuleMigrationRow? run, string previousOwner) => run switch
    {
        null => (RolloutTenantStatus.Pending, "The rollout's process stopped before this tenant's run began; it is upgraded on resume."),
        { Status: RunStatus.Completed } => (RolloutTenantStatus.Completed, null),
        { Status: RunStatus.RolledBack } when run.Owner != previousOwner =>
            (RolloutTenantStatus.Pending, $"Run {run.Id} was interrupted when the rollout's process stopped and was rolled back by recovery; the tenant is upgraded again on resume."),
        { Status: RunStatus.RolledBack } => (RolloutTenantStatus.RolledBack, $"Step {run.FailedStep} failed and the run was rolled back ({run.RollbackPath}): {run.Error}"),
        { Status: RunStatus.Failed } => (RolloutTenantStatus.Failed, $"Step {run.FailedStep} failed and was left as it is (no rollback): {run.Error}"),
        { Status: RunStatus.NeedsOperator } => (RolloutTenantStatus.NeedsOperator, run.Error),
        _ => (RolloutTenantStatus.Busy, $"Run {run.Id} is still {run.Status} in another process; the rollout leaves this tenant to it."),
    };
}
