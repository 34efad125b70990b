using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Statistics;

/// <summary>
/// The seed's migration statistics: success and rollback rates by module and version, average run time for
/// planning, manual rollback frequency, and per-step performance. Aggregated by PostgreSQL over
/// <c>aibos.module_migrations</c> and <c>aibos.migration_steps</c> (columns named in snake_case, as the catalog's naming
/// convention maps the result records); runs of kind "rollback" (manual undos) are counted
/// apart so that they do not dilute the success rate of the runs they undo. Statuses are the runs' current ones:
/// a completed run that an operator later rolled back counts as rolled back.
/// </summary>
public sealed class MigrationStatistics(CatalogDatabase catalog)
{
    public async Task<MigrationStatisticsReport> GetStatisticsAsync(string? module, CancellationToken cancellationToken)
    {
        if (module is not null) Identifiers.ValidateModuleName(module);
        await using var db = catalog.CreateContext();
        var versions = await db.Database.SqlQuery<VersionRow>($"""
            SELECT module, to_version AS version,
                   count(*)::int AS runs,
                   count(*) FILTER (WHERE status = {RunStatus.Completed})::int AS completed,
                   count(*) FILTER (WHERE status = {RunStatus.RolledBack})::int AS rolled_back,
                   count(*) FILTER (WHERE status = {RunStatus.Failed})::int AS failed,
                   count(*) FILTER (WHERE status = {RunStatus.NeedsOperator})::int AS needs_operator,
                   count(*) FILTER (WHERE status IN ({RunStatus.Running}, {RunStatus.RollingBack}))::int AS active,
                   (avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE status = {RunStatus.Completed}))::float8 AS average_seconds,
                   (max(extract(epoch FROM finished_at - started_at)) FILTER (WHERE status = {RunStatus.Completed}))::float8 AS max_seconds
            FROM aibos.module_migrations
            WHERE kind <> {RunKind.Rollback} AND ({module}::text IS NULL OR module = {module}::text)
            GROUP BY module, to_version
            """).ToListAsync(cancellationToken);
        var manual = await db.Database.SqlQuery<ManualRollbackRow>($"""
            SELECT module, count(*)::int AS count
            FROM aibos.module_migrations
            WHERE kind = {RunKind.Rollback} AND ({module}::text IS NULL OR module = {module}::text)
            GROUP BY module
            """).ToListAsync(cancellationToken);
        var steps = await db.Database.SqlQuery<StepRow>($"""
            SELECT r.module AS module, s.kind AS step, min(s.name) AS name, min(s.ordinal) AS ordinal,
                   count(*)::int AS executions,
                   count(*) FILTER (WHERE s.status = {StepStatus.Completed})::int AS completed,
                   count(*) FILTER (WHERE s.status = {StepStatus.Failed})::int AS failed,
                   count(*) FILTER (WHERE s.status = {StepStatus.RolledBack})::int AS rolled_back,
                   (avg(extract(epoch FROM s.finished_at - s.started_at) * 1000))::float8 AS average_ms,
                   (percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM s.finished_at - s.started_at) * 1000))::float8 AS p95ms,
                   (max(extract(epoch FROM s.finished_at - s.started_at) * 1000))::float8 AS max_ms
            FROM aibos.migration_steps s
            JOIN aibos.module_migrations r ON r.id = s.run_id
            WHERE r.kind <> {RunKind.Rollback} AND s.started_at IS NOT NULL AND s.finished_at IS NOT NULL
              AND ({module}::text IS NULL OR r.module = {module}::text)
            GROUP BY r.module, s.kind
            """).ToListAsync(cancellationToken);

        var byVersion = versions
            .Select(v => new VersionStatistics(v.Module, v.Version, v.Runs, v.Completed, v.RolledBack, v.Failed, v.NeedsOperator, v.Active, v.AverageSeconds, v.MaxSeconds))
            .OrderBy(v => v.Module, StringComparer.Ordinal).ThenBy(v => SemanticVersion.TryParse(v.Version, out var parsed) ? parsed : SemanticVersion.None)
            .ToList();
        var modules = byVersion.GroupBy(v => v.Module).Select(g => ModuleStatistics.Of(g.Key, g.ToList(), manual.SingleOrDefault(m => m.Module == g.Key)?.Count ?? 0))
            .Concat(manual.Where(m => byVersion.All(v => v.Module != m.Module)).Select(m => ModuleStatistics.Of(m.Module, [], m.Count)))
            .OrderBy(m => m.Module, StringComparer.Ordinal).ToList();
        var bySteps = steps.OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Ordinal)
            .Select(s => new StepStatistics(s.Module, s.Step, s.Name, s.Executions, s.Completed, s.Failed, s.RolledBack, s.AverageMs, s.P95Ms, s.MaxMs))
            .ToList();
        return new MigrationStatisticsReport(module, DateTimeOffset.UtcNow, modules, byVersion, bySteps);
    }

    private sealed record VersionRow(string Module, string Version, int Runs, int Completed, int RolledBack, int Failed, int NeedsOperator, int Active, double? AverageSeconds, double? MaxSeconds);

    private sealed record ManualRollbackRow(string Module, int Count);

    private sealed record StepRow(string Module, string Step, string Name, int Ordinal, int Executions, int Completed, int Failed, int RolledBack, double? AverageMs, double? P95Ms, double? MaxMs);
}
