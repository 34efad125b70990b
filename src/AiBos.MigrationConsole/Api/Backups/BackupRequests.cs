namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>
/// <c>POST /api/v1/backups</c>: the CLI's create-backup. <c>version</c>, when given, is checked against the tenant's;
/// <c>type</c> is full (default), incremental or schema-only; <c>snapshot</c> makes a restore a near-instant swap.
/// </summary>
public sealed record CreateBackupRequest(string? Tenant, string? Module, string? Version, string? Type, bool Snapshot = false);

/// <summary>A restore of a backup or a rollback point. Discarding rows needs <c>confirmDiscard: true</c>.</summary>
public sealed record RestoreRequest(bool ConfirmDiscard = false);

/// <summary><c>POST /api/v1/rollback-points</c>: the seed's <c>createRollbackPoint</c>, a named point holding a full backup.</summary>
public sealed record CreateRollbackPointRequest(string? Tenant, string? Module, string? Version, string? Description, Guid? RunId = null);
