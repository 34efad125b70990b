namespace AiBos.Migrations.Cli.Commands.Tenants;

/// <summary>A module installed on a tenant, at its verified version.</summary>
public sealed record TenantModuleDocument(string Module, string Version, DateTimeOffset UpdatedAt);
