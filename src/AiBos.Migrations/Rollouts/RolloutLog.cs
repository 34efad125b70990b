using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Rollouts;

/// <summary>The rollouts' log messages (event ids 43xx). Each tenant's run logs its own messages inside a scope that names the rollout.</summary>
internal static partial class RolloutLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "Rollout {RolloutId} of module {Module} to {Version} started by {Actor}: {Eligible} tenant(s) to upgrade, {Skipped} skipped")]
    public static partial void RolloutStarted(this ILogger logger, Guid rolloutId, string module, string version, string actor, int eligible, int skipped);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information,
        Message = "Rollout {RolloutId}: tenant {Tenant} module {Module} upgrading {From} -> {To} (wave {Wave})")]
    public static partial void TenantStarted(this ILogger logger, Guid rolloutId, string tenant, string module, string from, string to, int wave);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information,
        Message = "Rollout {RolloutId}: tenant {Tenant} module {Module} ended {Status} (run {RunId}) {Reason}")]
    public static partial void TenantEnded(this ILogger logger, Guid rolloutId, string tenant, string module, string status, Guid? runId, string? reason);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning,
        Message = "Rollout {RolloutId}: tenant {Tenant} module {Module} ended {Status} (run {RunId}) {Reason}")]
    public static partial void TenantFailed(this ILogger logger, Guid rolloutId, string tenant, string module, string status, Guid? runId, string? reason);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information,
        Message = "Rollout {RolloutId} of module {Module} ended {Status}: {Completed} completed, {Failed} failed, {Skipped} skipped, {NotStarted} not started. {Reason}")]
    public static partial void RolloutEnded(this ILogger logger, Guid rolloutId, string module, string status, int completed, int failed, int skipped, int notStarted, string? reason);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Information,
        Message = "Rollout {RolloutId} of module {Module} resumed by {Actor} after its process {Owner} stopped; {Pending} tenant(s) to go")]
    public static partial void RolloutResumed(this ILogger logger, Guid rolloutId, string module, string actor, string owner, int pending);

    [LoggerMessage(EventId = 4307, Level = LogLevel.Information,
        Message = "Rollout {RolloutId}: tenant {Tenant} was running when the rollout's process stopped; its run {RunId} is now {RunStatus}, so the tenant is {Status}")]
    public static partial void InterruptedTenantReconciled(this ILogger logger, Guid rolloutId, string tenant, Guid? runId, string runStatus, string status);
}
