using AiBos.Migrations.Catalog;
using AiBos.Migrations.Planning;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Validation;

/// <summary>
/// Estimates how long a plan takes on a tenant. For each migration it fits duration = fixed + per-row x rows on
/// what the same migration measured on other tenants (with the data volume their runs started with); with one
/// measurement it scales by volume; with none it uses the declared estimate.
/// </summary>
public sealed class TimeEstimator(CatalogDatabase catalog)
{
    private static readonly TimeSpan Undeclared = TimeSpan.FromSeconds(1);

    public async Task<TimeEstimate> EstimateAsync(MigrationPlan plan, long rows, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var files = plan.Migrations.Select(m => m.Migration.FileName).ToList();
        var samples = await (
            from a in db.AppliedMigrations.AsNoTracking()
            join r in db.ModuleMigrations.AsNoTracking() on a.RunId equals r.Id
            where a.Module == plan.Module && files.Contains(a.FileName) && a.TenantKey != plan.Tenant && a.ExecutionMs > 0
            select new { a.FileName, a.ExecutionMs, r.ModuleRows }).ToListAsync(cancellationToken);

        var estimates = plan.Migrations.Select(p =>
        {
            var measured = samples.Where(s => s.FileName == p.Migration.FileName).Select(s => ((double)s.ModuleRows, (double)s.ExecutionMs)).ToList();
            var (estimate, basis) = measured.Count switch
            {
                0 when p.Migration.EstimatedSeconds > 0 => (TimeSpan.FromSeconds(p.Migration.EstimatedSeconds), "declared"),
                0 => (Undeclared, "no measurements and no declared estimate"),
                _ => (TimeSpan.FromMilliseconds(Fit(measured, rows)), $"measured on {measured.Count} other tenant(s)"),
            };
            return new MigrationEstimate(p.Migration.DisplayName, estimate, basis);
        }).ToList();
        return new TimeEstimate(TimeSpan.FromTicks(estimates.Sum(e => e.Estimate.Ticks)), estimates);
    }

    /// <summary>Least squares on (rows, ms) with a non-negative intercept and slope; proportional when the volumes do not vary.</summary>
    internal static double Fit(IReadOnlyList<(double Rows, double Ms)> samples, long rows)
    {
        var meanX = samples.Average(s => s.Rows);
        var meanY = samples.Average(s => s.Ms);
        var varX = samples.Sum(s => (s.Rows - meanX) * (s.Rows - meanX));
        if (varX < 1e-9) return meanX <= 0 ? meanY : meanY * (rows + 1) / (meanX + 1);
        var slope = Math.Max(0, samples.Sum(s => (s.Rows - meanX) * (s.Ms - meanY)) / varX);
        var intercept = Math.Max(0, meanY - slope * meanX);
        return intercept + slope * rows;
    }
}
