using AiBos.Migrations;
using Quartz;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// The seed's backup retention, by itself: <c>cleanupExpiredBackups</c> on a cron (default daily at 03:00 UTC),
/// on one node of the cluster. The engine decides what may go (never a backup a run still needs) and audits it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BackupRetentionJob(ModuleMigrationService engine, ILogger<BackupRetentionJob> logger) : IJob
{
    internal static readonly JobKey Key = new("backup-retention", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await engine.CleanupExpiredBackupsAsync(cancellationToken);
        logger.RetentionRan(result.Deleted.Count, result.Kept.Count, result.MarkedFailed.Count, context.Scheduler.SchedulerInstanceId);
    }
}
