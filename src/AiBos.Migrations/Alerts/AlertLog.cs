using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Alerts;

internal static partial class AlertLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Alerts set up: on {Events}; {Webhooks} webhook(s); by {Actor}")]
    public static partial void AlertsConfigured(this ILogger logger, string events, int webhooks, string? actor);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Alert {Event} for run {RunId} of tenant {Tenant} module {Module}: {Summary}")]
    public static partial void AlertRaised(this ILogger logger, string @event, Guid runId, string tenant, string module, string? summary);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Alert {Event} for run {RunId} of tenant {Tenant} module {Module}: {Summary}")]
    public static partial void AlertRaisedWarning(this ILogger logger, string @event, Guid runId, string tenant, string module, string? summary);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning,
        Message = "Alert {Event} for run {RunId} of tenant {Tenant} module {Module} not delivered (attempt {Attempt}): {Error}; given up: {GaveUp}")]
    public static partial void AlertDeliveryFailed(this ILogger logger, string @event, Guid runId, string tenant, string module, int attempt, string error, bool gaveUp);
}
