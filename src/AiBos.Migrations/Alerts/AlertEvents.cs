using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Alerts;

/// <summary>The run events that can raise an alert, and which status change of a run is which.</summary>
public static class AlertEvents
{
    public const string Started = "migration.started";
    public const string Completed = "migration.completed";
    /// <summary>A run failed: it stopped with an error (held for an operator, or left failed), or began to roll back.</summary>
    public const string Failed = "migration.failed";
    public const string RolledBack = "migration.rolled-back";

    public static readonly IReadOnlyList<string> All = [Started, Completed, Failed, RolledBack];

    /// <summary>
    /// The event of a run's status change from <paramref name="previous"/> (null: the run was just created) to
    /// <paramref name="status"/>, or null when the change raises none. Rollback runs (an operator undoing a finished run)
    /// raise nothing of their own: the run they undo raises <see cref="RolledBack"/>.
    /// </summary>
    public static string? Of(string runKind, string? previous, string status)
    {
        if (previous == status) return null;
        if (runKind == RunKind.Rollback) return null;
        return status switch
        {
            RunStatus.Running when previous is null => Started,
            RunStatus.Completed => Completed,
            // A rollback that fails after the failure that started it is announced again: it now needs an operator.
            RunStatus.Failed or RunStatus.NeedsOperator or RunStatus.RollingBack => Failed,
            RunStatus.RolledBack => RolledBack,
            _ => null,
        };
    }
}
