using AiBos.Migrations;
using AiBos.Migrations.Alerts;

namespace AiBos.MigrationConsole.Api.Alerts;

/// <summary>
/// <c>/api/v1/alerts</c>: the seed's setupAlerts (read and replace the settings) and the alerts raised with their
/// delivery status: the CLI's setup-alerts and list-alerts.
/// </summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/settings", GetSettingsAsync);
        alerts.MapPut("/settings", SetupAsync);
        alerts.MapGet("/", ListAsync);
    }

    private static async Task<IResult> GetSettingsAsync(ModuleMigrationService engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertSettingsDocument.From(await engine.GetAlertSettingsAsync(cancellationToken)));

    private static async Task<IResult> SetupAsync(HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<AlertSettingsBody>(request, cancellationToken);
        var webhooks = (body.Webhooks ?? []).Select(w => w?.Trim() ?? "").ToList();
        // What GET shows is not an address: sent back as it is, it would silently break the webhook.
        if (webhooks.Where(w => w.EndsWith(AlertSettingsDocument.Hidden, StringComparison.Ordinal)).ToList() is { Count: > 0 } shown)
            throw new InvalidInputException(shown.Select(w =>
                $"Webhook '{w}' is the shortened form the settings are shown in, not an address: send the webhook's full address.").ToList());
        var settings = new AlertSettings(body.OnMigrationStart ?? false, body.OnMigrationComplete ?? false, body.OnMigrationFailure ?? false,
            body.OnRollback ?? false, webhooks.Where(w => w.Length > 0).ToList());
        var saved = await engine.SetupAlertsAsync(settings, ApiInput.Actor(request.HttpContext), cancellationToken);
        return TypedResults.Ok(AlertSettingsDocument.From(saved));
    }

    private static async Task<IResult> ListAsync(string? runId, string? limit, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var run = ApiInput.Filter(runId) is { } text ? ApiInput.Id(text, "run") : (Guid?)null;
        var alerts = await engine.ListAlertsAsync(run, ApiInput.OptionalInt(limit, "limit", 1, 1000) ?? 100, cancellationToken);
        return TypedResults.Ok(alerts.Select(AlertDocument.From).ToList());
    }
}
