using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Alerts;

/// <summary>The one row of alert settings in the catalog: read and replaced as a whole.</summary>
internal static class AlertSettingsStore
{
    public static AlertSettings ToSettings(AlertSettingsRow row) =>
        new(row.OnMigrationStart, row.OnMigrationComplete, row.OnMigrationFailure, row.OnRollback, row.Webhooks)
        {
            UpdatedAt = row.UpdatedAt,
            UpdatedBy = row.UpdatedBy,
        };

    public static async Task<AlertSettings> ReadAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        await db.AlertSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken) is { } row ? ToSettings(row) : AlertSettings.None;

    public static async Task<AlertSettings> SaveAsync(CatalogDbContext db, AlertSettings settings, string? actor, CancellationToken cancellationToken)
    {
        var row = await db.AlertSettings.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (row is null) db.AlertSettings.Add(row = new AlertSettingsRow());
        (row.OnMigrationStart, row.OnMigrationComplete, row.OnMigrationFailure, row.OnRollback) =
            (settings.OnMigrationStart, settings.OnMigrationComplete, settings.OnMigrationFailure, settings.OnRollback);
        row.Webhooks = [.. settings.Webhooks];
        (row.UpdatedAt, row.UpdatedBy) = (DateTimeOffset.UtcNow, actor);
        await db.SaveChangesAsync(cancellationToken);
        return ToSettings(row);
    }
}
