using System.Text.Json;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Writes every state change of a rollout and its tenants to the catalog, and announces it in the same transaction
/// (NOTIFY on <see cref="RolloutEventListener.Channel"/>, delivered on commit) and on this process's <see cref="RolloutEventBus"/>.
/// </summary>
public sealed class RolloutRecorder(CatalogDatabase catalog, RolloutEventBus bus)
{
    /// <summary>
    /// Stores a new rollout with its tenants, unless a rollout of the same module is being driven by a live process
    /// (two would fight over the same tenants). The check and the insert are serialized per module.
    /// </summary>
    public async Task CreateAsync(RolloutRow rollout, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('aibos.rollout:' || {rollout.Module}))", cancellationToken);
        var liveSince = DateTimeOffset.UtcNow - staleAfter;
        var live = await db.Rollouts.AsNoTracking()
            .Where(r => r.Module == rollout.Module && r.Status == RolloutStatus.Running && r.HeartbeatAt > liveSince)
            .Select(r => new { r.Id, r.Owner }).FirstOrDefaultAsync(cancellationToken);
        if (live is not null)
            throw new InvalidInputException($"Rollout {live.Id} of module '{rollout.Module}' is running (in process {live.Owner}): wait for it to end, or cancel it, before starting another.");
        db.Rollouts.Add(rollout);
        await db.SaveChangesAsync(cancellationToken);
        var started = await AnnounceAsync(db, rollout, null, rollout.Status, null, $"{rollout.Module} -> {rollout.TargetVersion} on {rollout.Tenants.Count} tenant(s)", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        bus.Publish(started);
    }

    /// <summary>Changes one tenant's row of a rollout and announces it.</summary>
    public Task UpdateTenantAsync(Guid rolloutId, string tenantKey, Action<RolloutTenantRow> change, CancellationToken cancellationToken) =>
        UpdateAsync(rolloutId, async (db, rollout) =>
        {
            var tenant = await db.RolloutTenants.SingleAsync(t => t.RolloutId == rolloutId && t.TenantKey == tenantKey, cancellationToken);
            change(tenant);
            return (tenant.TenantKey, tenant.Status, tenant.RunId, tenant.Reason);
        }, cancellationToken);

    /// <summary>Ends a rollout: its status and stop reason; tenants still pending did not start and are marked so.</summary>
    public Task FinishAsync(Guid rolloutId, string status, string? stopReason, CancellationToken cancellationToken) =>
        UpdateAsync(rolloutId, async (db, rollout) =>
        {
            (rollout.Status, rollout.StopReason, rollout.FinishedAt) = (status, stopReason, DateTimeOffset.UtcNow);
            var notStarted = $"Not started: {stopReason}";
            await db.RolloutTenants.Where(t => t.RolloutId == rolloutId && t.Status == RolloutTenantStatus.Pending).ExecuteUpdateAsync(
                u => u.SetProperty(t => t.Status, RolloutTenantStatus.NotStarted).SetProperty(t => t.Reason, notStarted), cancellationToken);
            return (null, status, null, stopReason);
        }, cancellationToken);

    /// <summary>
    /// Takes over a rollout whose process stopped (still running, heartbeat older than <paramref name="staleAfter"/>) for
    /// <paramref name="owner"/>. Returns the previous owner, or null when the rollout is not running or its owner is alive.
    /// </summary>
    public async Task<string?> ClaimAsync(Guid rolloutId, string owner, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        await using var command = catalog.DataSource.CreateCommand($"""
            WITH previous AS (SELECT id, owner FROM {CatalogDbContext.Schema}.rollouts WHERE id = @id)
            UPDATE {CatalogDbContext.Schema}.rollouts AS r SET owner = @owner, heartbeat_at = now()
            FROM previous
            WHERE r.id = previous.id AND r.status = '{RolloutStatus.Running}' AND (r.heartbeat_at IS NULL OR r.heartbeat_at < now() - @stale)
            RETURNING coalesce(previous.owner, 'unknown')
            """);
        command.Parameters.AddWithValue("id", rolloutId);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("stale", staleAfter);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task UpdateAsync(Guid rolloutId, Func<CatalogDbContext, RolloutRow, Task<(string? Tenant, string Status, Guid? RunId, string? Message)>> change,
        CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rollout = await db.Rollouts.SingleAsync(r => r.Id == rolloutId, cancellationToken);
        var (tenant, status, runId, message) = await change(db, rollout);
        await db.SaveChangesAsync(cancellationToken);
        var rolloutEvent = await AnnounceAsync(db, rollout, tenant, status, runId, message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        bus.Publish(rolloutEvent);
    }

    private static async Task<RolloutEvent> AnnounceAsync(CatalogDbContext db, RolloutRow rollout, string? tenant, string status, Guid? runId, string? message,
        CancellationToken cancellationToken)
    {
        var statuses = await db.RolloutTenants.Where(t => t.RolloutId == rollout.Id).Select(t => t.Status).ToListAsync(cancellationToken);
        var rolloutEvent = new RolloutEvent(rollout.Id, rollout.Module, rollout.TargetVersion, tenant, status, runId, Truncate(message),
            RolloutCounts.Of(statuses), DateTimeOffset.UtcNow);
        var payload = JsonSerializer.Serialize(rolloutEvent, CatalogNotifications.Json);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({RolloutEventListener.Channel}, {payload})", cancellationToken);
        return rolloutEvent;
    }

    // NOTIFY payloads are limited to 8000 bytes; messages are for people, so a long one is cut.
    private static string? Truncate(string? message) => message is { Length: > 2000 } ? message[..2000] + "..." : message;
}
