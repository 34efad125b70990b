using AiBos.Migrations.Alerts;

namespace AiBos.MigrationConsole.Api.Alerts;

/// <summary>
/// The alert settings as the API shows them. Webhook addresses often carry their secret in the path (chat and paging
/// tools do): only their origin is shown, as the CLI and the audit log do, with <c>/…</c> where a path was.
/// </summary>
public sealed record AlertSettingsDocument(
    bool OnMigrationStart, bool OnMigrationComplete, bool OnMigrationFailure, bool OnRollback, IReadOnlyList<string> Webhooks,
    DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    /// <summary>Marks a shown webhook whose path and query were left out.</summary>
    public const string Hidden = "/…";

    public static AlertSettingsDocument From(AlertSettings settings) => new(
        settings.OnMigrationStart, settings.OnMigrationComplete, settings.OnMigrationFailure, settings.OnRollback,
        settings.Webhooks.Select(Shown).ToList(), settings.UpdatedAt, settings.UpdatedBy);

    private static string Shown(string webhook)
    {
        var uri = new Uri(webhook);
        var origin = uri.GetLeftPart(UriPartial.Authority);
        return uri.PathAndQuery is "/" or "" ? origin : origin + Hidden;
    }
}
