using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Components.Runs;

/// <summary>Which actions a run offers; the engine checks again and says why when it refuses.</summary>
public static class RunActions
{
    /// <summary>A running run can be stopped and rolled back; a finished one undone, unless it is itself a rollback or already undone.</summary>
    public static bool CanRollBack(MigrationRun run) =>
        run.Kind != RunKind.Rollback && run.Status is RunStatus.Running or RunStatus.Completed or RunStatus.Failed or RunStatus.NeedsOperator;

    /// <summary>A run held for an operator, or failed under a no-rollback policy, can continue from where it stopped.</summary>
    public static bool CanResume(MigrationRun run) =>
        run.Kind != RunKind.Rollback && run.Status is RunStatus.Failed or RunStatus.NeedsOperator;
}
