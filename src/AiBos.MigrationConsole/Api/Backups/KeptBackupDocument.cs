namespace AiBos.MigrationConsole.Api.Backups;

public sealed record KeptBackupDocument(Guid BackupId, string Reason);
