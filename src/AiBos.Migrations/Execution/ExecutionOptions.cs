using System.ComponentModel.DataAnnotations;

namespace AiBos.Migrations.Execution;

/// <summary>Engine-wide execution defaults (section <c>AiBos:Execution</c>); a run's own options override some.</summary>
public sealed class ExecutionOptions
{
    public const string Section = "AiBos:Execution";

    /// <summary>How long one statement may wait for a table lock before it gives up and retries later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The deadline of a whole run; past it the run is cancelled and rolled back.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a rollback may take; it does not share the run's deadline, which has passed when a timeout triggers it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RollbackTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a run waits for another run of the same tenant before it ends as "tenant busy".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TenantLockWait { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LockRetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan LockRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A run whose heartbeat is older than three beats (and whose tenant nobody holds) is abandoned.</summary>
    public TimeSpan AbandonedAfter => HeartbeatInterval * 3;
}
