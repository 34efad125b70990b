namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>An expired backup that cleanup-backups kept, and why.</summary>
public sealed record KeptBackupDocument(Guid BackupId, string Reason);
