using System.ComponentModel.DataAnnotations;

namespace AiBos.Migrations.Alerts;

/// <summary>Alert delivery settings (section <c>AiBos:Alerts</c>); what raises alerts is set with setupAlerts.</summary>
public sealed class AlertOptions
{
    public const string Section = "AiBos:Alerts";

    /// <summary>The wait before the first retry of a failed delivery; it doubles with each attempt (at most an hour).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries tried before an alert is given up (marked failed; it stays listed).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long one webhook may take to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
