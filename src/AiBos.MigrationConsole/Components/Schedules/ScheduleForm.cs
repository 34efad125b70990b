using System.Globalization;
using AiBos.MigrationConsole.Components.Upgrade;
using AiBos.MigrationConsole.Scheduling;

namespace AiBos.MigrationConsole.Components.Schedules;

/// <summary>The "Schedule an upgrade" form: the upgrade and its run options (as on New upgrade), and its window in UTC.</summary>
public sealed class ScheduleForm
{
    /// <summary>How times are typed and shown: UTC, to the minute, so that every operator reads the same window.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    public UpgradeForm Run { get; } = new();
    public string? Start { get; set; }
    public string? WindowEnd { get; set; }

    /// <summary>Every problem with the form, each saying what to fix; empty when it can be sent to the scheduler.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Run.Problems().ToList();
        if (string.IsNullOrWhiteSpace(Start)) problems.Add($"Give the start time in UTC ({TimeFormat}).");
        else if (Parse(Start) is null) problems.Add($"Start '{Start}' is not a time: write it as {TimeFormat} (UTC), for example {DateTime.UtcNow.AddHours(1):yyyy-MM-dd HH}:00.");
        if (!string.IsNullOrWhiteSpace(WindowEnd))
        {
            if (Parse(WindowEnd) is not { } end) problems.Add($"Window end '{WindowEnd}' is not a time: write it as {TimeFormat} (UTC), or leave it empty.");
            else if (Parse(Start) is { } start && end <= start) problems.Add("The window must end after the start: give a later window end, or leave it empty.");
        }
        return problems;
    }

    public ScheduleUpgradeRequest ToRequest(string scheduledBy) => new(
        Run.Tenant!, Run.Module!, Run.FromVersion!, Run.ToVersion!, Parse(Start)!.Value,
        string.IsNullOrWhiteSpace(WindowEnd) ? null : Parse(WindowEnd), scheduledBy, Run.ToOptions(scheduledBy));

    public static string Show(DateTimeOffset? at) => at?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "—";

    private static DateTimeOffset? Parse(string? text) =>
        DateTime.TryParseExact(text?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
}
