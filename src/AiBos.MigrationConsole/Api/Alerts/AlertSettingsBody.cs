namespace AiBos.MigrationConsole.Api.Alerts;

/// <summary>
/// <c>PUT /api/v1/alerts/settings</c>: the seed's <c>setupAlerts({ onMigrationStart, onMigrationComplete,
/// onMigrationFailure, onRollback })</c> plus the webhooks alerts are POSTed to. It replaces the settings: an event left
/// out raises no alert, and no webhooks means the log only.
/// </summary>
public sealed record AlertSettingsBody(
    bool? OnMigrationStart, bool? OnMigrationComplete, bool? OnMigrationFailure, bool? OnRollback, IReadOnlyList<string?>? Webhooks);
