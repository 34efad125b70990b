using AiBos.Migrations.Alerts;

namespace AiBos.MigrationConsole.Components.Alerts;

/// <summary>The alert settings as the page edits them: the four events and the webhook list, saved together.</summary>
public sealed class AlertSettingsForm
{
    public bool OnMigrationStart { get; set; }
    public bool OnMigrationComplete { get; set; }
    public bool OnMigrationFailure { get; set; }
    public bool OnRollback { get; set; }
    public List<string> Webhooks { get; } = [];

    public void Load(AlertSettings settings)
    {
        (OnMigrationStart, OnMigrationComplete, OnMigrationFailure, OnRollback) =
            (settings.OnMigrationStart, settings.OnMigrationComplete, settings.OnMigrationFailure, settings.OnRollback);
        Webhooks.Clear();
        Webhooks.AddRange(settings.Webhooks);
    }

    /// <summary>Adds a webhook when the engine would accept it; otherwise returns what to fix and changes nothing.</summary>
    public IReadOnlyList<string> Add(string? webhook)
    {
        if (string.IsNullOrWhiteSpace(webhook)) return ["Type the webhook's address (https://…) before adding it."];
        var candidate = webhook.Trim();
        var problems = ToSettings([.. Webhooks, candidate]).Problems();
        if (problems.Count == 0) Webhooks.Add(candidate);
        return problems;
    }

    public AlertSettings ToSettings() => ToSettings(Webhooks);

    private AlertSettings ToSettings(IReadOnlyList<string> webhooks) =>
        new(OnMigrationStart, OnMigrationComplete, OnMigrationFailure, OnRollback, [.. webhooks]);
}
