namespace AiBos.MigrationConsole.Api.Runs;

/// <summary><c>POST /api/v1/migrations/install</c>: a run from "not installed" to <see cref="Version"/>.</summary>
public sealed record InstallModuleRequest(string? Tenant, string? Module, string? Version, RunOptionsRequest? Options);
