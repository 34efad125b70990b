using AiBos.Migrations;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>Turns what the engine answered into the schedule's outcome: the one place run outcomes map to schedule states.</summary>
public sealed class ScheduleOutcomeRecorder(ModuleMigrationService engine, ScheduleHistory history, ILogger<ScheduleOutcomeRecorder> logger)
{
    internal async Task RecordAsync(ScheduledUpgrade upgrade, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var (status, runId, message) = outcome switch
        {
            Completed c => (ScheduleStatus.Completed, (Guid?)c.RunId, $"Completed in {c.Elapsed.TotalSeconds:0.0} s."),
            RolledBack r => (ScheduleStatus.RolledBack, r.RunId, $"Step {r.Step} failed: {r.Reason} The tenant was returned to {upgrade.FromVersion} ({r.RollbackPath})."),
            Failed f => (ScheduleStatus.Failed, f.RunId, $"Step {f.Step} failed: {f.Reason} The run was kept as it stopped (no automatic rollback)."),
            NeedsOperator n => (ScheduleStatus.NeedsOperator, n.RunId, $"The rollback failed and the tenant needs an operator: {n.Reason}"),
            TenantBusy b => (ScheduleStatus.TenantBusy, null, new TenantBusyException(b.Tenant).Message),
            PlanRejected p => (ScheduleStatus.Rejected, null, string.Join(" ", p.Problems)),
            _ => (ScheduleStatus.Failed, null, $"Unexpected outcome {outcome.GetType().Name}."),
        };
        await history.FinishAsync(upgrade.Id, status, runId, message, cancellationToken);
        logger.UpgradeFinished(upgrade.Id, upgrade.Tenant, upgrade.Module, runId, status, message);
    }

    /// <summary>The engine refused before starting a run (tenant or module gone, tenant busy); nothing was touched.</summary>
    internal async Task RecordRefusedAsync(ScheduledUpgrade upgrade, MigrationException refusal, CancellationToken cancellationToken)
    {
        var status = refusal is TenantBusyException ? ScheduleStatus.TenantBusy : ScheduleStatus.Rejected;
        await history.FinishAsync(upgrade.Id, status, null, refusal.Message, cancellationToken);
        logger.UpgradeFinished(upgrade.Id, upgrade.Tenant, upgrade.Module, null, status, refusal.Message);
    }

    /// <summary>
    /// The node running a claimed upgrade stopped (crashed, or shut down mid-run). The run it started, if any, is
    /// found by its actor and linked; the engine recovers that run per its policy, so no second run is started here.
    /// </summary>
    internal async Task RecordInterruptedAsync(UpgradeSchedule claimed, CancellationToken cancellationToken)
    {
        var upgrade = claimed.Upgrade;
        var runs = await engine.ListMigrationsAsync(new MigrationFilter(upgrade.Module, upgrade.Tenant, Limit: 20), cancellationToken);
        var run = runs.Where(r => r.RequestedBy == upgrade.Actor && r.CreatedAt >= (claimed.FiredAt ?? upgrade.ScheduledAt))
            .OrderBy(r => r.CreatedAt).FirstOrDefault();
        var message = run is null
            ? "The console node running this upgrade stopped before the engine recorded a run; nothing was started. Schedule it again."
            : $"The console node running this upgrade stopped during run {run.Id}; the engine recovers that run (rolled back or held per its policy): see the run.";
        await history.FinishAsync(upgrade.Id, ScheduleStatus.Interrupted, run?.Id, message, cancellationToken);
        logger.UpgradeInterrupted(upgrade.Id, upgrade.Tenant, upgrade.Module, run?.Id);
    }
}
