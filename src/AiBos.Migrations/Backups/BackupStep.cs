using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Backups;

/// <summary>
/// The first step of every run that changes an installed module: a backup of the module's tables, which the
/// rollback restores when down SQL is missing or fails. Skipped only by the explicit SkipBackup option.
/// </summary>
public sealed class BackupStep(BackupService backups) : IRunStep
{
    public string Kind => "backup";
    public string Name => "Create Migration Backup";
    public int Order => 10;

    public bool AppliesTo(RunContext context) => !context.Options.SkipBackup && !context.Plan.From.IsNone;

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var backup = await backups.CreateForRunAsync(context, BackupKinds.ParseType(context.Options.BackupType), cancellationToken);
        context.BackupId = backup.Id;
        await context.ReportProgressAsync(backup.Tables.Count, backup.Tables.Count, $"Backup {backup.Id} ({backup.Type}, {backup.SizeBytes} bytes)", cancellationToken);
    }

    /// <summary>Nothing to undo: the backup is kept for the rollback and for later restores, until retention removes it.</summary>
    public Task RollbackAsync(RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
