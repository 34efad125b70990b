namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>What is being restored: a backup, possibly through a rollback point, and the command line that restores it.</summary>
public sealed record RestoreRequest(Guid BackupId, long? RollbackPointId, string CommandLine)
{
    public string Subject => RollbackPointId is { } point ? $"rollback point {point} (backup {BackupId})" : $"backup {BackupId}";
}
