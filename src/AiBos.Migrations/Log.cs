using Microsoft.Extensions.Logging;

namespace AiBos.Migrations;

/// <summary>The engine's log messages, with stable event ids. Every run event names tenant, module, run and step.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying {Count} pending catalog migrations")]
    public static partial void CatalogMigrating(this ILogger logger, int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Tenant {Tenant} registered on shard {Shard} in schema {Schema}")]
    public static partial void TenantRegistered(this ILogger logger, string tenant, string shard, string schema);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Registered {Count} schema migrations of module {Module} ({Unchanged} unchanged)")]
    public static partial void MigrationsRegistered(this ILogger logger, string module, int count, int unchanged);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Run {RunId} for tenant {Tenant} module {Module} resumed by {Actor}; steps already done: {Done}")]
    public static partial void RunResumed(this ILogger logger, Guid runId, string tenant, string module, string actor, string done);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Run {RunId} for tenant {Tenant} module {Module} started: {From} -> {To}")]
    public static partial void RunStarted(this ILogger logger, Guid runId, string tenant, string module, string from, string to);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Step {Step} of run {RunId} for tenant {Tenant} module {Module} completed in {ElapsedMs} ms")]
    public static partial void StepCompleted(this ILogger logger, string step, Guid runId, string tenant, string module, long elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Step {Step} of run {RunId} for tenant {Tenant} module {Module} failed: {Reason}")]
    public static partial void StepFailed(this ILogger logger, string step, Guid runId, string tenant, string module, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Run {RunId} for tenant {Tenant} module {Module} ended {Status}")]
    public static partial void RunEnded(this ILogger logger, Guid runId, string tenant, string module, string status);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Tenant {Tenant} is busy: run for module {Module} not started")]
    public static partial void TenantBusy(this ILogger logger, string tenant, string module);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Lock timeout in step {Step} of run {RunId} for tenant {Tenant} module {Module}; attempt {Attempt}, retrying in {DelayMs} ms")]
    public static partial void LockRetry(this ILogger logger, string step, Guid runId, string tenant, string module, int attempt, long delayMs);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Migration {File} of run {RunId} for tenant {Tenant} module {Module} applied ({Direction}) in {ElapsedMs} ms")]
    public static partial void MigrationApplied(this ILogger logger, string file, Guid runId, string tenant, string module, string direction, long elapsedMs);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Rolling back run {RunId} for tenant {Tenant} module {Module} after step {Step}: {Reason}")]
    public static partial void RollingBack(this ILogger logger, Guid runId, string tenant, string module, string step, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Rollback of run {RunId} for tenant {Tenant} module {Module} failed in step {Step}: {Reason}")]
    public static partial void RollbackFailed(this ILogger logger, Guid runId, string tenant, string module, string step, string reason);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Run {RunId} for tenant {Tenant} module {Module} was abandoned by {Owner}; recovering per policy ({Policy})")]
    public static partial void RecoveringAbandonedRun(this ILogger logger, Guid runId, string tenant, string module, string owner, string policy);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Publishing event of run {RunId} for tenant {Tenant} module {Module} step {Step} failed")]
    public static partial void EventPublishFailed(this ILogger logger, Exception exception, Guid runId, string tenant, string module, string step);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Backup {BackupId} of tenant {Tenant} module {Module} created ({Type}, {SizeBytes} bytes) in {ElapsedMs} ms")]
    public static partial void BackupCreated(this ILogger logger, Guid backupId, string tenant, string module, string type, long sizeBytes, long elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Backup {BackupId} restored to tenant {Tenant} module {Module} ({Discarded} rows discarded) in {ElapsedMs} ms")]
    public static partial void BackupRestored(this ILogger logger, Guid backupId, string tenant, string module, long discarded, long elapsedMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Backup {BackupId} of tenant {Tenant} module {Module} deleted: {Reason}")]
    public static partial void BackupDeleted(this ILogger logger, Guid backupId, string tenant, string module, string reason);
}
