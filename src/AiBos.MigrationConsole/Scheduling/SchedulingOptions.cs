using System.ComponentModel.DataAnnotations;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>Scheduling settings (section <c>AiBos:Scheduling</c>). The defaults suit production; tests shorten the intervals.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "AiBos:Scheduling";

    /// <summary>
    /// The Quartz scheduler name (SCHED_NAME). Every console node with the same name and catalog database is one
    /// cluster: a job fires on exactly one of them, and a dead node's jobs are taken over by another.
    /// </summary>
    [Required, StringLength(120, MinimumLength = 1)]
    public string SchedulerName { get; set; } = "aibos-console";

    /// <summary>When the backup retention cleanup runs: a Quartz cron expression, in UTC. Default: daily at 03:00 UTC.</summary>
    [Required]
    public string BackupRetentionCron { get; set; } = "0 0 3 * * ?";

    /// <summary>How many jobs one node runs at once. Upgrades are heavy; two per node leaves room for the dashboard.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>How often a node records in the job store that it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long past a missed check-in the other nodes wait before they recover a node's jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How late a trigger may fire before its misfire policy applies.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an idle node waits before it asks the job store again for due triggers (at least one second).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A start time this far in the past is still accepted (clocks of browsers and scripts drift) and fires at once;
    /// anything earlier is refused.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PastTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
