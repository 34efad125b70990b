namespace AiBos.Migrations.Rollouts;

/// <summary>What happened to one tenant of a rollout.</summary>
public static class RolloutTenantStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    /// <summary>Its run failed and was rolled back: the tenant is at its from-version.</summary>
    public const string RolledBack = "rolled-back";
    /// <summary>Its run failed and, without automatic rollback, was left as it was.</summary>
    public const string Failed = "failed";
    public const string NeedsOperator = "needs-operator";
    /// <summary>The engine refused the tenant's plan (a missing dependency, down SQL, a tampered file); nothing was touched.</summary>
    public const string Rejected = "rejected";
    /// <summary>Another run held the tenant; nothing was touched. A later rollout picks it up.</summary>
    public const string Busy = "busy";
    /// <summary>The module is not installed, or the tenant is already at or after the target version.</summary>
    public const string Skipped = "skipped";
    /// <summary>The rollout stopped before this tenant's turn.</summary>
    public const string NotStarted = "not-started";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Completed, RolledBack, Failed, NeedsOperator, Rejected, Busy, Skipped, NotStarted];

    /// <summary>The outcomes that count towards the rollout's failure limit: the upgrade went wrong or could not be planned.</summary>
    public static bool IsFailure(string status) => status is RolledBack or Failed or NeedsOperator or Rejected;

    /// <summary>The outcomes a script may take as success: the tenant is at the target version, or had nothing to do.</summary>
    public static bool IsSuccess(string status) => status is Completed or Skipped;
}
