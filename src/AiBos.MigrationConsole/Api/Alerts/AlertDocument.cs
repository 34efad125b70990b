using System.Text.Json;
using AiBos.MigrationConsole.Api.Runs;
using AiBos.Migrations.Alerts;

namespace AiBos.MigrationConsole.Api.Alerts;

/// <summary>
/// One alert and its delivery: <c>status</c> pending, delivered or failed (gave up after the last attempt);
/// <c>payload</c> is the JSON the webhooks receive.
/// </summary>
public sealed record AlertDocument(
    long Id, string Event, Guid RunId, string RunLocation, string Tenant, string Module, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string? LastError, JsonElement Payload)
{
    public static AlertDocument From(Alert alert) => new(
        alert.Id, alert.Event, alert.RunId, RunResults.LocationOf(alert.RunId), alert.Tenant, alert.Module, alert.Status, alert.Attempts,
        alert.CreatedAt, alert.DeliveredAt, alert.LastError, alert.Payload);
}
