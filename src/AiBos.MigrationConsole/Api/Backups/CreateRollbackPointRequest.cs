namespace AiBos.MigrationConsole.Api.Backups;

/// <summary><c>POST /api/v1/rollback-points</c>: the seed's <c>createRollbackPoint</c>, a named point holding a full backup.</summary>
public sealed record CreateRollbackPointRequest(string? Tenant, string? Module, string? Version, string? Description, Guid? RunId = null);
