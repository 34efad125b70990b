using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Applies the plan's migrations one file at a time, each with its history row in the same transaction. Rolls back
/// by the fastest safe path: down SQL when every file to undo has one and it succeeds, otherwise the run's backup.
/// </summary>
public sealed class SchemaStep(BackupService backups) : IRunStep
{
    public string Kind => "schema";
    public string Name => "Apply Schema Changes";
    public int Order => 20;

    public bool AppliesTo(RunContext context) => true;

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var planned = context.Plan.Migrations;
        await context.ReportProgressAsync(0, planned.Count, planned.Count == 0 ? "No schema migrations in this plan" : null, cancellationToken);
        // A resumed run finds part of its plan done: those files are not run twice.
        var state = await Tenancy.TenantHistory.ReadStateAsync(context.Session.Connection, context.Tenant.Schema, cancellationToken);
        for (var i = 0; i < planned.Count; i++)
        {
            var applied = state.IsApplied(context.Module, planned[i].Migration.FileName);
            if (applied == (planned[i].Direction == Planning.Direction.Up))
            {
                await context.ReportProgressAsync(i + 1, planned.Count, $"{planned[i].Migration.FileName} was already done", cancellationToken);
                continue;
            }
            await HistoryUndo.ApplyAsync(context, planned[i], isUndo: false, context.RunId, cancellationToken);
            await context.ReportProgressAsync(i + 1, planned.Count, $"Applied {planned[i].Migration.FileName}", cancellationToken);
        }
    }

    public async Task RollbackAsync(RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            await HistoryUndo.UndoRunAsync(context, context.UndoRunId, cancellationToken);
        }
        catch (StepFailedException downFailed)
        {
            var backup = await backups.FindRunBackupAsync(context.UndoRunId, cancellationToken)
                ?? throw new StepFailedException($"{downFailed.Message} The run has no backup to restore instead.");
            var restored = await backups.RestoreForRunAsync(context, backup, cancellationToken);
            context.RollbackPath = restored.Preview.RowsDiscarded == 0
                ? RollbackPath.BackupRestore
                : $"{RollbackPath.BackupRestore} ({restored.Preview.RowsDiscarded} rows written since the backup were discarded)";
            await context.ReportProgressAsync(1, 1, $"Restored backup {backup} because {downFailed.Message}", cancellationToken);
        }
    }
}
