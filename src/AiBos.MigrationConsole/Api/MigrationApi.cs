using AiBos.MigrationConsole.Api.Alerts;
using AiBos.MigrationConsole.Api.Backups;
using AiBos.MigrationConsole.Api.Customizations;
using AiBos.MigrationConsole.Api.Modules;
using AiBos.MigrationConsole.Api.Reports;
using AiBos.MigrationConsole.Api.Rollouts;
using AiBos.MigrationConsole.Api.Runs;
using AiBos.MigrationConsole.Api.Schedules;
using AiBos.MigrationConsole.Api.Tenants;

namespace AiBos.MigrationConsole.Api;

/// <summary>
/// The REST API, <c>/api/v1</c>: the seed's engine calls for scripts and pipelines, named like the CLI's commands
/// (docs/api.md). Every endpoint is a thin call into the engine; <see cref="ApiProblemFilter"/> answers its refusals.
/// </summary>
public static class MigrationApi
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapMigrationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter<ApiProblemFilter>().DisableAntiforgery();
        api.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        api.MapTenantEndpoints();
        api.MapModuleEndpoints();
        api.MapMigrationEndpoints();
        api.MapBackupEndpoints();
        api.MapRollbackPointEndpoints();
        api.MapReportEndpoints();
        api.MapCustomizationEndpoints();
        api.MapScheduleEndpoints();
        api.MapAlertEndpoints();
        api.MapRolloutEndpoints();
        return endpoints;
    }
}
