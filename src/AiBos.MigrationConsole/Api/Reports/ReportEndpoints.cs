using AiBos.Migrations.Statistics;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Reports;

/// <summary><c>/api/v1/statistics</c>: the CLI's migration-statistics, success and rollback rates by module, version and step.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", async (string? module, MigrationStatistics statistics, CancellationToken cancellationToken) =>
        {
            var only = ApiInput.Filter(module);
            if (only is not null) Identifiers.ValidateModuleName(only);
            return TypedResults.Ok(await statistics.GetStatisticsAsync(only, cancellationToken));
        }).WithTags("Statistics");
    }
}
