using AiBos.Migrations;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using MudBlazor;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>What the user is told: the ONE place the dashboard maps engine outcomes and errors to snackbar severity and text.</summary>
public static class Outcomes
{
    public static (Severity Severity, string Text) Describe(RunOutcome outcome) => outcome switch
    {
        Completed c => (Severity.Success, $"Completed and verified in {Formats.Duration(c.Elapsed)}."),
        RolledBack r => (Severity.Warning, $"Step '{r.Step}' failed and the tenant was rolled back ({Formats.RollbackPath(r.RollbackPath)}): {r.Reason}"),
        Failed f => (Severity.Error, $"Step '{f.Step}' failed and the run was kept as it is (no automatic rollback): {f.Reason}"),
        NeedsOperator n => (Severity.Error, $"The rollback itself failed; the tenant needs an operator: {n.Reason}"),
        TenantBusy b => (Severity.Warning, $"Tenant '{b.Tenant}' is busy with another run or backup; nothing was changed. Try again when it has finished."),
        PlanRejected p => (Severity.Error, "The plan cannot run; nothing was changed: " + string.Join(" ", p.Problems)),
        _ => (Severity.Info, outcome.ToString()),
    };

    public static (Severity Severity, string Text) Describe(RestoreOutcome outcome) => outcome switch
    {
        Restored r => (Severity.Success, $"Restored {r.Preview.Tenant}'s {r.Preview.Module} to version {r.Preview.BackupVersion} and verified it in {Formats.Duration(r.Elapsed)}."),
        RestoreNeedsConfirmation n => (Severity.Warning, $"Nothing was restored: {n.Preview.RowsDiscarded:N0} rows would be discarded. Confirm that to restore."),
        _ => (Severity.Info, outcome.ToString()),
    };

    /// <summary>
    /// The message to show for a failed call: the engine's own for its exceptions (they say what to fix); for anything
    /// else a plain sentence, the details going to the log.
    /// </summary>
    public static string ErrorText(Exception exception) => exception switch
    {
        MigrationException e => e.Message,
        OperationCanceledException => "The operation was cancelled; nothing more was done.",
        _ => $"The console could not complete this ({exception.GetType().Name}). Nothing was confirmed as done; the console's log has the details.",
    };
}
