using System.Text.Json;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Alerts;

/// <summary>
/// Writes the alert a run's status change raises into the catalog's outbox, inside the transaction that records the
/// change: the alert exists exactly when the change does, whichever process delivers it later.
/// </summary>
internal static class AlertOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task EnqueueAsync(CatalogDbContext db, ModuleMigrationRow run, string? previousStatus, CancellationToken cancellationToken)
    {
        if (AlertEvents.Of(run.Kind, previousStatus, run.Status) is not { } alertEvent) return;
        var settings = await db.AlertSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (settings is null || !AlertSettingsStore.ToSettings(settings).Raises(alertEvent)) return;

        var now = DateTimeOffset.UtcNow;
        var alert = new AlertRow
        {
            Event = alertEvent, RunId = run.Id, TenantKey = run.TenantKey, Module = run.Module, Status = Alert.Pending,
            CreatedAt = now, NextAttemptAt = now,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(cancellationToken);
        alert.Payload = JsonSerializer.Serialize(PayloadOf(alert.Id, alertEvent, run, now), Json);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static AlertPayload PayloadOf(long id, string alertEvent, ModuleMigrationRow run, DateTimeOffset at) => new(
        id, alertEvent, run.Id, run.TenantKey, run.Module, run.Kind, run.FromVersion, run.ToVersion, run.Status, run.FailedStep, run.Error,
        run.RollbackPath, run.RequestedBy, at, Summary(alertEvent, run));

    private static string Summary(string alertEvent, ModuleMigrationRow run)
    {
        var what = $"{run.Module} {run.FromVersion} -> {run.ToVersion} ({run.Kind}) of tenant {run.TenantKey}";
        return alertEvent switch
        {
            AlertEvents.Started => $"Started: {what}.",
            AlertEvents.Completed => $"Completed and validated: {what}.",
            AlertEvents.RolledBack => $"Rolled back: {what}{(run.RollbackPath is null ? "" : $", by {run.RollbackPath}")}.",
            _ when run.Status == Execution.RunStatus.RollingBack => $"Failed{(run.FailedStep is null ? "" : $" in step {run.FailedStep}")}, rolling back: {what}. {run.Error}",
            _ when run.Status == Execution.RunStatus.NeedsOperator => $"Needs an operator: {what}. {run.Error}",
            _ => $"Failed{(run.FailedStep is null ? "" : $" in step {run.FailedStep}")}, left for an operator to resume or roll back: {what}. {run.Error}",
        };
    }
}
