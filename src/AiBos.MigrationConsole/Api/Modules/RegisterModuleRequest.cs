namespace AiBos.MigrationConsole.Api.Modules;

/// <summary><c>POST /api/v1/modules</c>: the CLI's register-module, for a folder on the server.</summary>
public sealed record RegisterModuleRequest(string? Path, bool Replace = false);
