namespace AiBos.Migrations.Alerts;

/// <summary>
/// The seed's <c>setupAlerts({ onMigrationStart, onMigrationComplete, onMigrationFailure, onRollback })</c>, plus where
/// alerts go: every alert is written to the log, and POSTed as JSON to each webhook (chat, paging, incident tools).
/// </summary>
public sealed record AlertSettings(
    bool OnMigrationStart, bool OnMigrationComplete, bool OnMigrationFailure, bool OnRollback, IReadOnlyList<string> Webhooks)
{
    /// <summary>No alerts: what a fresh catalog has.</summary>
    public static readonly AlertSettings None = new(false, false, false, false, []);

    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    /// <summary>Whether a run event of <paramref name="alertEvent"/> (see <see cref="AlertEvents"/>) raises an alert.</summary>
    public bool Raises(string alertEvent) => alertEvent switch
    {
        AlertEvents.Started => OnMigrationStart,
        AlertEvents.Completed => OnMigrationComplete,
        AlertEvents.Failed => OnMigrationFailure,
        AlertEvents.RolledBack => OnRollback,
        _ => false,
    };

    /// <summary>Problems that keep these settings from being saved (empty when they are fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var webhook in Webhooks)
        {
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
                problems.Add($"Webhook '{webhook}' is not an absolute http:// or https:// address: give one like https://hooks.example.com/aibos.");
            else if (!string.IsNullOrEmpty(uri.UserInfo))
                problems.Add($"Webhook '{uri.Host}' carries a user name or password in its address: put the secret in the path or query instead, so that it is not shown as a user.");
        }
        if (Webhooks.Count != Webhooks.Distinct(StringComparer.Ordinal).Count()) problems.Add("A webhook is listed twice: give each address once.");
        if (Webhooks.Count > 10) problems.Add($"{Webhooks.Count} webhooks: at most 10 are allowed.");
        return problems;
    }
}
