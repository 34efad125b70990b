using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Execution;

/// <summary>Reads runs and their steps from the catalog.</summary>
public sealed class RunQueries(CatalogDatabase catalog)
{
    public async Task<MigrationRun> GetMigrationAsync(Guid runId, CancellationToken cancellationToken) =>
        ToRun(await GetRowAsync(runId, cancellationToken));

    /// <summary>The run as the catalog keeps it, with its steps, options and heartbeat.</summary>
    internal async Task<ModuleMigrationRow> GetRowAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.ModuleMigrations.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new NotFoundException($"Migration run {runId} does not exist: list runs with list-migrations.");
    }

    public async Task<IReadOnlyList<MigrationRun>> ListMigrationsAsync(MigrationFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Status is { } status && !RunStatus.All.Contains(status))
            throw new InvalidInputException($"'{status}' is not a run status: use one of {string.Join(", ", RunStatus.All)}.");
        await using var db = catalog.CreateContext();
        var query = db.ModuleMigrations.AsNoTracking().Include(r => r.Steps).AsQueryable();
        if (filter.Module is { } module) query = query.Where(r => r.Module == module);
        if (filter.Tenant is { } tenant) query = query.Where(r => r.TenantKey == tenant);
        if (filter.Status is { } s) query = query.Where(r => r.Status == s);
        var rows = await query.OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(filter.Limit, 1, 10_000)).ToListAsync(cancellationToken);
        return rows.Select(ToRun).ToList();
    }

    internal static MigrationRun ToRun(ModuleMigrationRow r) => new(
        r.Id, r.TenantKey, r.Module, r.FromVersion, r.ToVersion, r.Kind, r.Status, r.RequestedBy, r.RollbackOf,
        r.CreatedAt, r.StartedAt, r.FinishedAt, r.Error, r.FailedStep, r.RollbackPath, r.Owner,
        r.Steps.OrderBy(s => s.Ordinal).Select(s => new MigrationStep(
            s.Ordinal, s.Kind, s.Name, s.Status, s.StartedAt, s.FinishedAt, s.ItemsDone, s.ItemsTotal, s.Message, s.Error)).ToList());
}
