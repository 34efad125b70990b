using System.Text.Json;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiBos.Migrations.Rollouts;

/// <summary>Reads rollouts for people and scripts, and the runs of a rollout's tenants.</summary>
public sealed class RolloutQueries(CatalogDatabase catalog, IOptions<ExecutionOptions> execution)
{
    public async Task<Rollout> GetRolloutAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.Rollouts.AsNoTracking().Include(r => r.Tenants).SingleOrDefaultAsync(r => r.Id == rolloutId, cancellationToken)
            ?? throw new NotFoundException($"Rollout {rolloutId} does not exist: list rollouts to find its id.");
        var tenants = row.Tenants.OrderBy(t => t.Ordinal).ToList();
        var live = await LiveRunsAsync(db, row, tenants, cancellationToken);
        var options = JsonSerializer.Deserialize<MigrationOptions>(row.Options, RolloutJson.Options) ?? new MigrationOptions();
        return new Rollout(Summary(row, RolloutCounts.Of(tenants.Select(t => t.Status))), options, tenants.Select(t => new RolloutTenant(
            t.TenantKey, t.Ordinal, t.Wave, t.Status, t.FromVersion, t.RunId ?? live.GetValueOrDefault(t.TenantKey), t.StartedAt, t.FinishedAt, t.Reason)).ToList());
    }

    // A running tenant's row learns its run id when the run ends; until then it is found by the run's requested_by,
    // so that a dashboard can follow the run's steps live.
    private static async Task<Dictionary<string, Guid?>> LiveRunsAsync(CatalogDbContext db, RolloutRow row, List<RolloutTenantRow> tenants, CancellationToken cancellationToken)
    {
        var running = tenants.Where(t => t.Status == RolloutTenantStatus.Running && t.RunId is null).Select(t => t.TenantKey).ToList();
        if (running.Count == 0) return [];
        var pattern = RolloutRuns.RequestedByPattern(row.Id);
        var runs = await db.ModuleMigrations.AsNoTracking()
            .Where(r => running.Contains(r.TenantKey) && r.Module == row.Module && r.Kind != RunKind.Rollback && EF.Functions.Like(r.RequestedBy!, pattern))
            .Select(r => new { r.TenantKey, r.Id, r.CreatedAt }).ToListAsync(cancellationToken);
        return runs.GroupBy(r => r.TenantKey).ToDictionary(g => g.Key, g => (Guid?)g.MaxBy(r => r.CreatedAt)!.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<RolloutSummary>> ListRolloutsAsync(RolloutFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Status is { } status && !RolloutStatus.All.Contains(status))
            throw new InvalidInputException($"Unknown rollout status '{status}': use one of {string.Join(", ", RolloutStatus.All)}.");
        if (filter.Limit is < 1 or > 10_000) throw new InvalidInputException("The limit must be between 1 and 10,000.");
        await using var db = catalog.CreateContext();
        var query = db.Rollouts.AsNoTracking();
        if (filter.Module is { } module) query = query.Where(r => r.Module == module);
        if (filter.Status is { } wanted) query = query.Where(r => r.Status == wanted);
        var rows = await query.OrderByDescending(r => r.CreatedAt).Take(filter.Limit).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var statuses = (await db.RolloutTenants.AsNoTracking().Where(t => ids.Contains(t.RolloutId)).Select(t => new { t.RolloutId, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.RolloutId, t => t.Status);
        return rows.Select(r => Summary(r, RolloutCounts.Of(statuses[r.Id]))).ToList();
    }

    internal async Task<RolloutRow> GetRowAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.Rollouts.AsNoTracking().Include(r => r.Tenants).SingleOrDefaultAsync(r => r.Id == rolloutId, cancellationToken)
            ?? throw new NotFoundException($"Rollout {rolloutId} does not exist: list rollouts to find its id.");
    }

    /// <summary>The run a rollout started for a tenant at or after <paramref name="since"/>, if it got as far as creating one.</summary>
    internal async Task<ModuleMigrationRow?> FindRunAsync(Guid rolloutId, string tenant, string module, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var pattern = RolloutRuns.RequestedByPattern(rolloutId);
        return await db.ModuleMigrations.AsNoTracking()
            .Where(r => r.TenantKey == tenant && r.Module == module && r.CreatedAt >= since && r.Kind != RunKind.Rollback && EF.Functions.Like(r.RequestedBy!, pattern))
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private RolloutSummary Summary(RolloutRow row, RolloutCounts counts)
    {
        var interrupted = row.Status == RolloutStatus.Running && (row.HeartbeatAt is null || row.HeartbeatAt < DateTimeOffset.UtcNow - execution.Value.AbandonedAfter);
        var policy = new RolloutPolicy { Canary = row.Canary, WaveSize = row.WaveSize, Concurrency = row.Concurrency, MaxFailures = row.MaxFailures, NotAfter = row.NotAfter };
        return new RolloutSummary(row.Id, row.Module, row.TargetVersion, row.Status, row.StopReason, policy, row.RequestedBy, row.CreatedAt, row.FinishedAt,
            row.Owner, row.HeartbeatAt, interrupted, counts);
    }
}

internal static class RolloutJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
