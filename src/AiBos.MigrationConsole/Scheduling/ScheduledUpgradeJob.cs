using AiBos.Migrations;
using AiBos.Migrations.Execution;
using Quartz;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// Fires a scheduled upgrade: one call into the engine with the stored options, as <c>scheduler:&lt;who&gt;</c>.
/// Before it starts anything it claims the schedule's outcome row, so a schedule fires at most one run however
/// often Quartz hands it over; after its window it records "missed" instead of starting. A busy tenant is the
/// engine's answer and is recorded as it is; it is not retried blindly at a time nobody chose.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledUpgradeJob(ModuleMigrationService engine, ScheduleHistory history, ScheduleOutcomeRecorder outcomes, TimeProvider time,
    ILogger<ScheduledUpgradeJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var upgrade = ScheduledUpgrade.FromJson((string)context.MergedJobDataMap[ScheduledUpgrade.JobDataKey]!);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Tenant"] = upgrade.Tenant, ["Module"] = upgrade.Module, ["ScheduleId"] = upgrade.Id });
        var node = context.Scheduler.SchedulerInstanceId;
        // Re-fired because the node that fired it died. If that node had claimed it, a run may exist: the engine
        // recovers it, and this records the interruption; no second run. If not, nothing started: fire it now.
        if (context.Recovering && await history.GetAsync(upgrade.Id, cancellationToken) is { } claimed)
        {
            if (claimed.Status == ScheduleStatus.Running) await outcomes.RecordInterruptedAsync(claimed, cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        if (upgrade.WindowEnd is { } end && now > end)
        {
            var message = $"Fired at {now.UtcDateTime:u}, after the window ended at {end.UtcDateTime:u} (due at {upgrade.RunAt.UtcDateTime:u}; "
                + "no console node could fire it in time): the upgrade was not started. Schedule it again.";
            if (await history.TryClaimAsync(upgrade, ScheduleStatus.Missed, message, now, node, cancellationToken))
                logger.UpgradeMissed(upgrade.Id, upgrade.Tenant, upgrade.Module, upgrade.RunAt, end, now);
            return;
        }
        if (!await history.TryClaimAsync(upgrade, ScheduleStatus.Running, null, now, node, cancellationToken))
        {
            logger.UpgradeAlreadyHandled(upgrade.Id, upgrade.Tenant, upgrade.Module);
            return;
        }

        logger.UpgradeFiring(upgrade.Id, upgrade.Tenant, upgrade.Module, upgrade.FromVersion, upgrade.ToVersion, node, now - upgrade.RunAt);
        try
        {
            var outcome = await engine.ExecuteModuleMigrationAsync(upgrade.Tenant, upgrade.Module, upgrade.FromVersion, upgrade.ToVersion,
                upgrade.Options with { RequestedBy = upgrade.Actor }, cancellationToken);
            await outcomes.RecordAsync(upgrade, outcome, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This node is shutting down mid-run; the engine's recovery takes the run over.
            if (await history.GetAsync(upgrade.Id, CancellationToken.None) is { } running)
                await outcomes.RecordInterruptedAsync(running, CancellationToken.None);
        }
        catch (MigrationException e)
        {
            await outcomes.RecordRefusedAsync(upgrade, e, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A job is a host's edge: record why, so the schedule never stays "running" for ever.
            logger.UpgradeCrashed(e, upgrade.Id, upgrade.Tenant, upgrade.Module);
            await history.FinishAsync(upgrade.Id, ScheduleStatus.Failed, null, $"The scheduler could not run the upgrade: {e.Message}", CancellationToken.None);
        }
    }
}
