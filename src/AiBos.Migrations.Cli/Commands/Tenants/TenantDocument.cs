using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary>A tenant and the version of each module installed on it (from the catalog's mirror, aibos.tenant_modules).</summary>
public sealed record TenantDocument(string Key, string DisplayName, string Shard, string Schema, DateTimeOffset CreatedAt, IReadOnlyList<TenantModuleDocument> Modules)
{
    public static TenantDocument From(Tenant tenant, IReadOnlyList<TenantModuleDocument> modules) =>
        new(tenant.Key, tenant.DisplayName, tenant.Shard, tenant.Schema, tenant.CreatedAt, modules);
}
