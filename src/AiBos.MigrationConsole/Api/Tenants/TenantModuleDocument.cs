namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary>An installed module: its version and when a run last changed it.</summary>
public sealed record TenantModuleDocument(string Module, string Version, DateTimeOffset UpdatedAt);
