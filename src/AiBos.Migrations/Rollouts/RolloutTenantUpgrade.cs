using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Upgrades one tenant of a rollout with the engine as it is: reads the tenant's version again (it may have moved since
/// the rollout was planned), skips it when there is nothing to do, else runs the upgrade from that version and records
/// how the run ended. Returns the tenant's final status.
/// </summary>
public sealed class RolloutTenantUpgrade(
    MigrationRunner runner, TenantService tenants, RolloutPlanner planner, RolloutRecorder recorder, ILogger<RolloutTenantUpgrade> logger)
{
    internal async Task<string> RunAsync(RolloutRow rollout, RolloutTenantRow row, MigrationOptions options, CancellationToken cancellationToken)
    {
        await recorder.UpdateTenantAsync(rollout.Id, row.TenantKey, t => (t.Status, t.StartedAt, t.FinishedAt, t.Reason) =
            (RolloutTenantStatus.Running, DateTimeOffset.UtcNow, null, null), cancellationToken);
        var (status, from, runId, reason) = await UpgradeAsync(rollout, row, options, cancellationToken);
        await recorder.UpdateTenantAsync(rollout.Id, row.TenantKey, t =>
            (t.Status, t.FromVersion, t.RunId, t.Reason, t.FinishedAt) = (status, from ?? t.FromVersion, runId, reason, DateTimeOffset.UtcNow), cancellationToken);
        if (RolloutTenantStatus.IsFailure(status)) logger.TenantFailed(rollout.Id, row.TenantKey, rollout.Module, status, runId, reason);
        else logger.TenantEnded(rollout.Id, row.TenantKey, rollout.Module, status, runId, reason);
        return status;
    }

    private async Task<(string Status, string? From, Guid? RunId, string? Reason)> UpgradeAsync(
        RolloutRow rollout, RolloutTenantRow row, MigrationOptions options, CancellationToken cancellationToken)
    {
        var target = Registry.SemanticVersion.Parse(rollout.TargetVersion);
        try
        {
            var tenant = await tenants.GetTenantAsync(row.TenantKey, cancellationToken);
            var current = await planner.ReadVersionAsync(tenant, rollout.Module, cancellationToken);
            if (RolloutPlanner.SkipReason(current, rollout.Module, target) is { } skip)
                return (RolloutTenantStatus.Skipped, current.ToString(), null, skip);
            logger.TenantStarted(rollout.Id, tenant.Key, rollout.Module, current.ToString(), target.ToString(), row.Wave ?? 0);
            var request = new MigrationRequest(tenant.Key, rollout.Module, current.ToString(), target.ToString(), options);
            var outcome = await runner.ExecuteAsync(request, cancellationToken);
            return outcome switch
            {
                Completed c => (RolloutTenantStatus.Completed, current.ToString(), c.RunId, null),
                RolledBack r => (RolloutTenantStatus.RolledBack, current.ToString(), r.RunId, $"Step {r.Step} failed and the run was rolled back ({r.RollbackPath}): {r.Reason}"),
                Failed f => (RolloutTenantStatus.Failed, current.ToString(), f.RunId, $"Step {f.Step} failed and was left as it is (no rollback): {f.Reason}"),
                NeedsOperator n => (RolloutTenantStatus.NeedsOperator, current.ToString(), n.RunId, n.Reason),
                TenantBusy => (RolloutTenantStatus.Busy, current.ToString(), null, "Another run held the tenant; nothing was touched."),
                PlanRejected p => (RolloutTenantStatus.Rejected, current.ToString(), null, $"The plan was rejected; nothing was touched. {string.Join(" ", p.Problems)}"),
                _ => (RolloutTenantStatus.Failed, current.ToString(), null, $"Unexpected outcome {outcome}."),
            };
        }
        catch (Exception e) when (e is MigrationException or NpgsqlException)
        {
            // One tenant's broken shard or refused input fails that tenant, not the rollout: the failure limit decides.
            return (RolloutTenantStatus.Failed, null, null, $"The upgrade could not run: {e.Message}");
        }
    }
}
