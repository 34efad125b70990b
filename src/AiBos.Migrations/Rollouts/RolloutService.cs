using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// One module upgrade across many tenants: validated and planned before anything runs, stored in the catalog, then
/// driven to its end in the caller's process (<see cref="RolloutRunner"/>). A rollout whose process died is continued
/// by <see cref="ResumeRolloutAsync"/> in any process.
/// </summary>
public sealed class RolloutService(
    RolloutValidator validator, RolloutPlanner planner, RolloutRecorder recorder, RolloutRunner runner, RolloutQueries queries,
    RolloutInterruptions interruptions, AuditLog audit, IOptions<ExecutionOptions> execution, ILogger<RolloutService> logger)
{
    /// <summary>
    /// Runs the rollout to its end and returns how it ended; callers that must not wait run it in the background and
    /// follow it with <see cref="RolloutEventListener"/> or <see cref="GetRolloutAsync"/>. Cancelling stops starting
    /// tenants; tenants already running finish (or roll back per their run's policy) first.
    /// </summary>
    public async Task<RolloutOutcome> StartRolloutAsync(RolloutRequest request, string? actor, CancellationToken cancellationToken)
    {
        var valid = await validator.ValidateAsync(request, cancellationToken);
        var tenants = await planner.PlanAsync(valid, cancellationToken);
        var who = actor ?? Environment.UserName;
        var rollout = new RolloutRow
        {
            Id = Guid.CreateVersion7(), Module = valid.Module, TargetVersion = valid.Target.ToString(), Status = RolloutStatus.Running,
            Canary = valid.Policy.Canary, WaveSize = valid.Policy.WaveSize, Concurrency = valid.Policy.Concurrency, MaxFailures = valid.Policy.MaxFailures,
            NotAfter = valid.Policy.NotAfter, Options = JsonSerializer.Serialize(valid.Options with { RequestedBy = null }, RolloutJson.Options),
            RequestedBy = who, CreatedAt = DateTimeOffset.UtcNow, HeartbeatAt = DateTimeOffset.UtcNow, Owner = runner.Owner,
        };
        foreach (var tenant in tenants) tenant.RolloutId = rollout.Id;
        rollout.Tenants = tenants;
        await recorder.CreateAsync(rollout, execution.Value.AbandonedAfter, cancellationToken);
        var skipped = tenants.Count(t => t.Status == RolloutTenantStatus.Skipped);
        logger.RolloutStarted(rollout.Id, rollout.Module, rollout.TargetVersion, who, tenants.Count - skipped, skipped);
        await audit.WriteAsync("rollout.started", new
        {
            rolloutId = rollout.Id, version = rollout.TargetVersion, tenants = tenants.Count, skipped, valid.Policy.Canary, valid.Policy.WaveSize,
            valid.Policy.Concurrency, valid.Policy.MaxFailures, valid.Policy.NotAfter,
        }, module: rollout.Module, actor: who, cancellationToken: CancellationToken.None);
        return await DriveAsync(rollout, valid.Options, who, () => Task.FromResult(rollout), cancellationToken);
    }

    /// <summary>
    /// Continues a rollout whose process stopped while driving it (still running, heartbeat stale). Runs abandoned by that
    /// process are first recovered by the engine (rolled back, or held for an operator per their policy); a tenant whose
    /// run was rolled back that way is upgraded again, since the interruption says nothing about the upgrade. Then the
    /// pending tenants continue under the rollout's own policy (failures so far count).
    /// </summary>
    public async Task<RolloutOutcome> ResumeRolloutAsync(Guid rolloutId, string? actor, CancellationToken cancellationToken)
    {
        var rollout = await queries.GetRowAsync(rolloutId, cancellationToken);
        if (rollout.Status != RolloutStatus.Running)
            throw new InvalidInputException($"Rollout {rolloutId} is {rollout.Status}: only a rollout whose process stopped while it was running can be resumed. Start a new rollout instead: tenants already upgraded are skipped.");
        var previousOwner = await recorder.ClaimAsync(rolloutId, runner.Owner, execution.Value.AbandonedAfter, cancellationToken)
            ?? throw new InvalidInputException($"Rollout {rolloutId} is still being driven by process {rollout.Owner}: follow it with show-rollout; only a rollout whose process stopped can be resumed.");
        var who = actor ?? Environment.UserName;
        var options = JsonSerializer.Deserialize<MigrationOptions>(rollout.Options, RolloutJson.Options) ?? new MigrationOptions();
        return await DriveAsync(rollout, options, who, async () =>
        {
            await interruptions.ReconcileAsync(rollout, previousOwner, cancellationToken);
            var settled = await queries.GetRowAsync(rolloutId, cancellationToken);
            logger.RolloutResumed(rolloutId, settled.Module, who, previousOwner, settled.Tenants.Count(t => t.Status == RolloutTenantStatus.Pending));
            await audit.WriteAsync("rollout.resumed", new { rolloutId, previousOwner }, module: settled.Module, actor: who, cancellationToken: CancellationToken.None);
            return settled;
        }, cancellationToken);
    }

    public Task<Rollout> GetRolloutAsync(Guid rolloutId, CancellationToken cancellationToken) => queries.GetRolloutAsync(rolloutId, cancellationToken);

    public Task<IReadOnlyList<RolloutSummary>> ListRolloutsAsync(RolloutFilter filter, CancellationToken cancellationToken) =>
        queries.ListRolloutsAsync(filter, cancellationToken);

    private async Task<RolloutOutcome> DriveAsync(RolloutRow rollout, MigrationOptions options, string actor, Func<Task<RolloutRow>> prepare,
        CancellationToken cancellationToken)
    {
        await runner.DriveAsync(rollout.Id, prepare, options with { RequestedBy = RolloutRuns.RequestedBy(actor, rollout.Id) }, cancellationToken);
        var outcome = new RolloutOutcome(await queries.GetRolloutAsync(rollout.Id, CancellationToken.None));
        var counts = outcome.Rollout.Counts;
        logger.RolloutEnded(rollout.Id, rollout.Module, outcome.Status, counts.Completed, counts.Failed, counts.Skipped, counts.NotStarted, outcome.Rollout.Summary.StopReason);
        await audit.WriteAsync("rollout.ended", new { rolloutId = rollout.Id, outcome.Status, counts }, module: rollout.Module, actor: actor, cancellationToken: CancellationToken.None);
        return outcome;
    }
}
