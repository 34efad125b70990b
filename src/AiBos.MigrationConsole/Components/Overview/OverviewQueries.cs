using AiBos.Migrations;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiBos.MigrationConsole.Components.Overview;

/// <summary>Read-only counts and the active runs for the overview.</summary>
public sealed class OverviewQueries(CatalogDatabase catalog, ModuleMigrationService engine)
{
    private static readonly string[] Unsuccessful = [RunStatus.Failed, RunStatus.RolledBack, RunStatus.NeedsOperator];

    public async Task<OverviewCounts> CountAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var weekAgo = now.AddDays(-7);
        await using var db = catalog.CreateContext();
        return new OverviewCounts(
            Tenants: await db.Tenants.CountAsync(cancellationToken),
            Modules: await db.Modules.CountAsync(cancellationToken),
            RunsToday: await db.ModuleMigrations.CountAsync(r => r.CreatedAt >= today, cancellationToken),
            RunningNow: await db.ModuleMigrations.CountAsync(r => r.Status == RunStatus.Running || r.Status == RunStatus.RollingBack, cancellationToken),
            FailedOrRolledBackLastWeek: await db.ModuleMigrations.CountAsync(r => r.CreatedAt >= weekAgo && Unsuccessful.Contains(r.Status), cancellationToken));
    }

    /// <summary>Runs that are running or rolling back, newest first.</summary>
    public async Task<IReadOnlyList<MigrationRun>> ActiveRunsAsync(CancellationToken cancellationToken)
    {
        var running = await engine.ListMigrationsAsync(new MigrationFilter(Status: RunStatus.Running), cancellationToken);
        var rollingBack = await engine.ListMigrationsAsync(new MigrationFilter(Status: RunStatus.RollingBack), cancellationToken);
        return [.. running.Concat(rollingBack).OrderByDescending(r => r.CreatedAt)];
    }
}
