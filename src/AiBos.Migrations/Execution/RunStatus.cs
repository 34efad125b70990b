namespace AiBos.Migrations.Execution;

/// <summary>The states of a run, as stored and shown.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string RollingBack = "rolling-back";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string RolledBack = "rolled-back";
    public const string NeedsOperator = "needs-operator";

    public static readonly IReadOnlyList<string> All = [Running, RollingBack, Completed, Failed, RolledBack, NeedsOperator];
    public static bool IsActive(string status) => status is Running or RollingBack;
}

/// <summary>The states of a step.</summary>
public static class StepStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string RolledBack = "rolled-back";
    public const string Skipped = "skipped";
}

/// <summary>What a run does.</summary>
public static class RunKind
{
    public const string Upgrade = "upgrade";
    public const string Downgrade = "downgrade";
    public const string Install = "install";
    public const string Rollback = "rollback";
}

/// <summary>How a rollback returned the tenant to its starting point.</summary>
public static class RollbackPath
{
    public const string DownSql = "down-sql";
    public const string BackupRestore = "backup-restore";
    public const string Nothing = "nothing-to-undo";
}
