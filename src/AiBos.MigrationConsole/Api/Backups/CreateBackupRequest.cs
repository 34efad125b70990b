namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>
/// <c>POST /api/v1/backups</c>: the CLI's create-backup. <c>version</c>, when given, is checked against the tenant's;
/// <c>type</c> is full (default), incremental or schema-only; <c>snapshot</c> makes a restore a near-instant swap.
/// </summary>
public sealed record CreateBackupRequest(string? Tenant, string? Module, string? Version, string? Type, bool Snapshot = false);
