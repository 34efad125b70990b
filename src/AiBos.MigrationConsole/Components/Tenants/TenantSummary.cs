using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Components.Tenants;

public sealed record TenantSummary(Tenant Tenant, IReadOnlyList<InstalledModule> Modules);

public sealed record InstalledModule(string Module, string Version, DateTimeOffset UpdatedAt);
