namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary><c>POST /api/v1/tenants</c>: the CLI's add-tenant. The shard defaults to "main", the schema to <c>tenant_&lt;key&gt;</c>.</summary>
public sealed record RegisterTenantRequest(string? Key, string? DisplayName, string? Shard, string? Schema);
