namespace AiBos.Migrations.Execution;

/// <summary>Upgrade (or downgrade) one tenant's module from one version to another.</summary>
public sealed record MigrationRequest(string Tenant, string Module, string FromVersion, string ToVersion, MigrationOptions? Options = null);
