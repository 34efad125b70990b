namespace AiBos.MigrationConsole.Scheduling;

/// <summary>The scheduler's log messages (event ids 6000-6099): tenant, module, schedule and run in every one.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(6001, LogLevel.Information, "Scheduled upgrade {ScheduleId}: tenant {Tenant}, module {Module} {FromVersion} -> {ToVersion} at {RunAt}, by {ScheduledBy}")]
    public static partial void UpgradeScheduled(this ILogger logger, Guid scheduleId, string tenant, string module, string fromVersion, string toVersion,
        DateTimeOffset runAt, string scheduledBy);

    [LoggerMessage(6002, LogLevel.Information, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} cancelled by {CancelledBy}")]
    public static partial void UpgradeCancelled(this ILogger logger, Guid scheduleId, string tenant, string module, string cancelledBy);

    [LoggerMessage(6003, LogLevel.Information, "Scheduled upgrade {ScheduleId} fired on {Node}: tenant {Tenant}, module {Module} {FromVersion} -> {ToVersion}, {Lateness} late")]
    public static partial void UpgradeFiring(this ILogger logger, Guid scheduleId, string tenant, string module, string fromVersion, string toVersion,
        string node, TimeSpan lateness);

    [LoggerMessage(6004, LogLevel.Information, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} ended {Status} (run {RunId}): {Message}")]
    public static partial void UpgradeFinished(this ILogger logger, Guid scheduleId, string tenant, string module, Guid? runId, string status, string message);

    [LoggerMessage(6005, LogLevel.Warning, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} missed its window: due {RunAt}, window ended {WindowEnd}, fired {FiredAt}; not started")]
    public static partial void UpgradeMissed(this ILogger logger, Guid scheduleId, string tenant, string module, DateTimeOffset runAt, DateTimeOffset windowEnd,
        DateTimeOffset firedAt);

    [LoggerMessage(6006, LogLevel.Information, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} was already fired or cancelled; nothing to do")]
    public static partial void UpgradeAlreadyHandled(this ILogger logger, Guid scheduleId, string tenant, string module);

    [LoggerMessage(6007, LogLevel.Warning, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} was interrupted by a stopped node (run {RunId})")]
    public static partial void UpgradeInterrupted(this ILogger logger, Guid scheduleId, string tenant, string module, Guid? runId);

    [LoggerMessage(6008, LogLevel.Error, "Scheduled upgrade {ScheduleId} for tenant {Tenant}, module {Module} could not be run")]
    public static partial void UpgradeCrashed(this ILogger logger, Exception exception, Guid scheduleId, string tenant, string module);

    [LoggerMessage(6010, LogLevel.Information, "Backup retention on {Node}: {Deleted} expired backups deleted, {Kept} kept (still needed), {MarkedFailed} abandoned ones marked failed")]
    public static partial void RetentionRan(this ILogger logger, int deleted, int kept, int markedFailed, string node);
}
