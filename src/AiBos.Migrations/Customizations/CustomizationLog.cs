using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Customizations;

/// <summary>Log messages of customization migrations, with stable event ids; every event names tenant, module, run and step.</summary>
internal static partial class CustomizationLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Step {Step} of run {RunId} for tenant {Tenant} module {Module}: customizations {From} -> {To}: {Summary}")]
    public static partial void CustomizationsMigrated(this ILogger logger, string step, Guid runId, string tenant, string module, string from, string to, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Step {Step} of run {RunId} for tenant {Tenant} module {Module}: customization {Document} quarantined: {Reason}")]
    public static partial void CustomizationQuarantined(this ILogger logger, string step, Guid runId, string tenant, string module, string document, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Step {Step} of run {RunId} for tenant {Tenant} module {Module}: {Restored} customization documents of run {UndoRunId} restored ({SetAside} changed since, kept in quarantine)")]
    public static partial void CustomizationsRestored(this ILogger logger, string step, Guid runId, string tenant, string module, Guid undoRunId, int restored, int setAside);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "Customization {Document} of tenant {Tenant} module {Module} saved at version {Version} revision {Revision} by {Actor} (run {RunId}, step {Step})")]
    public static partial void CustomizationSaved(this ILogger logger, string document, string tenant, string module, string version, int revision, string actor, Guid? runId, string? step);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Quarantined customization {Id} ({Document}) of tenant {Tenant} module {Module} {Status} by {Actor} (run {RunId}, step {Step})")]
    public static partial void QuarantineResolved(this ILogger logger, long id, string document, string tenant, string module, string status, string actor, Guid? runId, string? step);
}
