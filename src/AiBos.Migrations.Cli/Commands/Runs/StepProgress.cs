using System.Globalization;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// A step's progress in a few characters: <c>2/3</c>, or for the data step, in rows, with the rate and time left its
/// events carry while it runs: <c>12,000 / 500,000 rows · 41,210 rows/s · 0:12 left</c>.
/// </summary>
public static class StepProgress
{
    /// <summary>The data step's kind (<c>DataStep.Kind</c>): its items are rows.</summary>
    private const string DataStep = "data";

    public static string Of(string? step, long done, long total, double? rate = null, double? secondsLeft = null)
    {
        if (total <= 0) return "";
        var culture = CultureInfo.InvariantCulture;
        var unit = step == DataStep ? " rows" : "";
        var text = step == DataStep || rate is not null ? string.Create(culture, $"{done:N0} / {total:N0}{unit}") : string.Create(culture, $"{done}/{total}");
        if (rate is { } r) text += string.Create(culture, $" · {r:N0}{(unit.Length > 0 ? unit : " items")}/s");
        return secondsLeft is { } s && rate is not null ? $"{text} · {TimeLeft(s)} left" : text;
    }

    public static string Of(RunEvent runEvent) =>
        runEvent.Step is null ? "" : Of(runEvent.Step, runEvent.Done, runEvent.Total, runEvent.Rate, runEvent.SecondsLeft);

    /// <summary>
    /// The message to show beside the progress: when the event carries a rate, its message repeats the counts
    /// (<c>ledger:2.0.0/transform_1: 12,000 of 500,000 rows · ...</c>), so only what it is about (the rule) is kept.
    /// </summary>
    public static string? Message(string? message, double? rate)
    {
        if (rate is null || message is null) return message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? message[..colon] : message;
    }

    /// <summary><c>0:12</c>, <c>14:05</c>, <c>2:03:00</c>.</summary>
    public static string TimeLeft(double seconds)
    {
        var left = TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, seconds)));
        return left.ToString(left.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
