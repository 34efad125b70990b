namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>A restore of a backup or a rollback point. Discarding rows needs <c>confirmDiscard: true</c>.</summary>
public sealed record RestoreRequest(bool ConfirmDiscard = false);
