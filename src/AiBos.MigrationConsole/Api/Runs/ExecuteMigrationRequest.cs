namespace AiBos.MigrationConsole.Api.Runs;

/// <summary><c>POST /api/v1/migrations</c>: the seed's <c>executeModuleMigration(tenant, module, fromVersion, toVersion, options)</c>.</summary>
public sealed record ExecuteMigrationRequest(string? Tenant, string? Module, string? FromVersion, string? ToVersion, RunOptionsRequest? Options);
