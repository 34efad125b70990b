using AiBos.MigrationConsole.Api.Runs;

namespace AiBos.MigrationConsole.Api.Schedules;

/// <summary>
/// <c>POST /api/v1/schedules</c>: run <c>executeModuleMigration(tenant, module, fromVersion, toVersion, options)</c> at
/// <paramref name="StartAt"/>, not after <paramref name="WindowEnd"/> (when given).
/// </summary>
public sealed record ScheduleUpgradeBody(
    string? Tenant, string? Module, string? FromVersion, string? ToVersion, DateTimeOffset? StartAt, DateTimeOffset? WindowEnd,
    RunOptionsRequest? Options);
