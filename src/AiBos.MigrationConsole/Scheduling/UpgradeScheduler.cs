using AiBos.Migrations;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Quartz;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// Schedules tenant-module upgrades for a maintenance window, lists and cancels them, and tells what happened to
/// the fired ones. The REST API and the dashboard call this; Quartz (clustered, in the catalog database) fires
/// <see cref="ScheduledUpgradeJob"/> on exactly one console node.
/// </summary>
public sealed class UpgradeScheduler(
    ISchedulerFactory schedulers, ScheduleRequestValidator validator, ScheduleHistory history, AuditLog audit, TimeProvider time,
    ILogger<UpgradeScheduler> logger)
{
    internal const string Group = "upgrades";

    /// <summary>Validates the request (every problem named, nothing stored when any) and schedules the upgrade.</summary>
    public async Task<UpgradeSchedule> ScheduleUpgradeAsync(ScheduleUpgradeRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAsync(request, cancellationToken);
        var upgrade = new ScheduledUpgrade(
            Guid.CreateVersion7(), request.Tenant, request.Module, request.FromVersion.Trim(), request.ToVersion.Trim(),
            request.RunAt.ToUniversalTime(), request.WindowEnd?.ToUniversalTime(), request.ScheduledBy.Trim(), time.GetUtcNow(),
            request.Options ?? new MigrationOptions());
        upgrade = upgrade with { Options = upgrade.Options with { RequestedBy = upgrade.Actor } };

        var job = JobBuilder.Create<ScheduledUpgradeJob>()
            .WithIdentity(JobKeyOf(upgrade.Id))
            .WithDescription($"{upgrade.Module} {upgrade.FromVersion} -> {upgrade.ToVersion} for tenant {upgrade.Tenant}")
            // If the node running it dies, another node re-fires it as "recovering": a schedule the dead node had
            // claimed is recorded as interrupted and linked to its run (the engine recovers that run); one it had
            // not claimed fires normally. Never a second run.
            .RequestRecovery(true)
            .UsingJobData(ScheduledUpgrade.JobDataKey, upgrade.ToJson())
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(upgrade.Id.ToString(), Group))
            .ForJob(job)
            .StartAt(upgrade.RunAt)
            // Misfire policy: fire now, however late. A one-shot trigger that misfired under "do nothing" would
            // vanish without a trace; fired late, the job itself compares the time with the window and records
            // "missed" (no run) or runs the upgrade when there is no window end.
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(job, trigger, default, cancellationToken);
        await audit.WriteAsync("schedule.created", new { schedule = upgrade.Id, upgrade.FromVersion, upgrade.ToVersion, upgrade.RunAt, upgrade.WindowEnd },
            upgrade.Tenant, upgrade.Module, actor: upgrade.ScheduledBy, cancellationToken: cancellationToken);
        logger.UpgradeScheduled(upgrade.Id, upgrade.Tenant, upgrade.Module, upgrade.FromVersion, upgrade.ToVersion, upgrade.RunAt, upgrade.ScheduledBy);
        return new UpgradeSchedule(upgrade, ScheduleStatus.Scheduled, upgrade.RunAt);
    }

    /// <summary>The upgrades waiting for their time, the soonest first.</summary>
    public async Task<IReadOnlyList<UpgradeSchedule>> ListScheduledUpgradesAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // Three round trips whatever the number of schedules: the keys, the jobs (with their data), their triggers.
        var keys = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken)).ToList();
        var jobs = await scheduler.GetJobDetails(keys, cancellationToken);
        var triggers = await scheduler.GetTriggers(keys.Select(k => new TriggerKey(k.Name, Group)).ToList(), cancellationToken);
        var nextFire = triggers.ToDictionary(t => t.JobKey, t => t.NextFireTimeUtc);
        return jobs
            .Select(job => (Upgrade: Read(job), Next: nextFire.GetValueOrDefault(job.Key)))
            .Where(pending => pending.Upgrade is not null && pending.Next is not null)
            .Select(pending => new UpgradeSchedule(pending.Upgrade!, ScheduleStatus.Scheduled, pending.Next))
            .OrderBy(s => s.NextFireTime).ThenBy(s => s.Id)
            .ToList();
    }

    /// <summary>Fired and cancelled schedules (the latest first): the run each started, or why it did not.</summary>
    public Task<IReadOnlyList<UpgradeSchedule>> ListFiredUpgradesAsync(string? tenant, string? module, CancellationToken cancellationToken, int limit = 100) =>
        history.ListAsync(tenant, module, limit, cancellationToken);

    /// <summary>One schedule, pending or fired.</summary>
    public async Task<UpgradeSchedule> GetUpgradeScheduleAsync(Guid id, CancellationToken cancellationToken)
    {
        // The outcome first: a schedule that fired a moment ago may still have its Quartz job while it runs.
        if (await history.GetAsync(id, cancellationToken) is { } fired) return fired;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // Read the outcome again when Quartz no longer has the job: it may have finished between the two reads.
        return await PendingAsync(scheduler, JobKeyOf(id), cancellationToken)
            ?? await history.GetAsync(id, cancellationToken)
            ?? throw new NotFoundException($"Scheduled upgrade {id} does not exist: list the scheduled upgrades to find its id.");
    }

    /// <summary>
    /// Cancels a schedule that has not fired. One that has fired cannot be cancelled (roll its run back instead);
    /// when the cancel and the fire race, exactly one of them wins.
    /// </summary>
    public async Task<UpgradeSchedule> CancelScheduledUpgradeAsync(Guid id, string cancelledBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cancelledBy)) throw new InvalidInputException("Say who cancels the scheduled upgrade (cancelledBy).");
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var pending = await PendingAsync(scheduler, JobKeyOf(id), cancellationToken);
        if (pending is not { Status: ScheduleStatus.Scheduled }
            || !await history.TryClaimAsync(pending.Upgrade, ScheduleStatus.Cancelled, $"Cancelled by {cancelledBy.Trim()}.", null, null, cancellationToken))
        {
            var fired = await history.GetAsync(id, cancellationToken) ?? pending
                ?? throw new NotFoundException($"Scheduled upgrade {id} does not exist: list the scheduled upgrades to find its id.");
            throw new InvalidInputException(fired.Status == ScheduleStatus.Cancelled
                ? $"Scheduled upgrade {id} is already cancelled."
                : $"Scheduled upgrade {id} has already fired ({fired.Status}{(fired.RunId is { } run ? $", run {run}" : "")}): it cannot be cancelled; roll the run back instead.");
        }
        await scheduler.DeleteJob(JobKeyOf(id), cancellationToken);
        var upgrade = pending.Upgrade;
        await audit.WriteAsync("schedule.cancelled", new { schedule = id }, upgrade.Tenant, upgrade.Module, actor: cancelledBy.Trim(), cancellationToken: cancellationToken);
        logger.UpgradeCancelled(id, upgrade.Tenant, upgrade.Module, cancelledBy.Trim());
        return await history.GetAsync(id, cancellationToken) ?? pending with { Status = ScheduleStatus.Cancelled };
    }

    private static JobKey JobKeyOf(Guid id) => new(id.ToString(), Group);

    private static async Task<UpgradeSchedule?> PendingAsync(IScheduler scheduler, JobKey key, CancellationToken cancellationToken)
    {
        if (await scheduler.GetJobDetail(key, cancellationToken) is not { } job || Read(job) is not { } upgrade) return null;
        var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken);
        // A job that has fired keeps its spent trigger until it finishes: it is running, even before its outcome row exists.
        var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
        return new UpgradeSchedule(upgrade, next is null ? ScheduleStatus.Running : ScheduleStatus.Scheduled, next);
    }

    private static ScheduledUpgrade? Read(IJobDetail job) =>
        job.JobDataMap.TryGetValue(ScheduledUpgrade.JobDataKey, out var data) && data is string json ? ScheduledUpgrade.FromJson(json) : null;
}
