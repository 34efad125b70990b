namespace AiBos.MigrationConsole.Scheduling;

/// <summary>The states of a scheduled upgrade, as stored and shown.</summary>
public static class ScheduleStatus
{
    /// <summary>Waiting for its start time (lives in the Quartz job store).</summary>
    public const string Scheduled = "scheduled";
    /// <summary>Fired; the engine is running the upgrade.</summary>
    public const string Running = "running";
    public const string Completed = "completed";
    public const string RolledBack = "rolled-back";
    public const string Failed = "failed";
    public const string NeedsOperator = "needs-operator";
    /// <summary>Another run or restore held the tenant when the schedule fired; nothing was touched.</summary>
    public const string TenantBusy = "tenant-busy";
    /// <summary>The engine refused the plan when the schedule fired (e.g. the tenant is no longer at the from-version).</summary>
    public const string Rejected = "rejected";
    /// <summary>It fired after its window had ended (every node was down); no run was started.</summary>
    public const string Missed = "missed";
    public const string Cancelled = "cancelled";
    /// <summary>The node running the upgrade stopped mid-way; the engine recovers the run per its policy.</summary>
    public const string Interrupted = "interrupted";
}
