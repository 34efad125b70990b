using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary>A tenant with the version of each installed module, as the CLI's list-tenants shows it.</summary>
public sealed record TenantDocument(string Key, string DisplayName, string Shard, string Schema, DateTimeOffset CreatedAt, IReadOnlyList<TenantModuleDocument> Modules)
{
    public static TenantDocument From(Tenant tenant, IReadOnlyList<TenantModuleDocument> modules) =>
        new(tenant.Key, tenant.DisplayName, tenant.Shard, tenant.Schema, tenant.CreatedAt, modules);
}
