using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary>A tenant with the version of each installed module, as the CLI's list-tenants shows it.</summary>
public sealed record TenantDocument(string Key, string DisplayName, string Shard, string Schema, DateTimeOffset CreatedAt, IReadOnlyList<TenantModuleDocument> Modules)
{
    public static TenantDocument From(Tenant tenant, IReadOnlyList<TenantModuleDocument> modules) =>
        new(tenant.Key, tenant.DisplayName, tenant.Shard, tenant.Schema, tenant.CreatedAt, modules);
}

/// <summary>An installed module: its version and when a run last changed it.</summary>
public sealed record TenantModuleDocument(string Module, string Version, DateTimeOffset UpdatedAt);

/// <summary><c>POST /api/v1/tenants</c>: the CLI's add-tenant. The shard defaults to "main", the schema to <c>tenant_&lt;key&gt;</c>.</summary>
public sealed record RegisterTenantRequest(string? Key, string? DisplayName, string? Shard, string? Schema);
