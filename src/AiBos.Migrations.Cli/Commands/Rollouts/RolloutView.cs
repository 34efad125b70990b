using System.Globalization;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Rollouts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>A rollout for people: a summary grid, its tenants, and a closing line.</summary>
public static class RolloutView
{
    public static void Write(IAnsiConsole console, Rollout rollout)
    {
        var s = rollout.Summary;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(Show.Text("Rollout"), Show.Text(s.Id.ToString()));
        grid.AddRow(Show.Text("Module"), Show.Text($"{s.Module} -> {s.TargetVersion}"));
        grid.AddRow(Show.Text("Status"), Status(s));
        grid.AddRow(Show.Text("Started"), Show.Text($"{Show.Time(s.CreatedAt)}{(s.RequestedBy is null ? "" : $" by {s.RequestedBy}")}"));
        grid.AddRow(Show.Text("Duration"), Show.Text(Show.Duration(s.Duration)));
        grid.AddRow(Show.Text("Policy"), Show.Text(Policy(s.Policy)));
        if (s.StopReason is not null) grid.AddRow(Show.Text("Stopped"), Show.Text(s.StopReason));
        grid.AddRow(Show.Text("Tenants"), Show.Text(Counts(s.Counts)));
        console.Write(grid);
        console.Write(Tenants(rollout.Tenants));
    }

    public static Table Tenants(IReadOnlyList<RolloutTenant> tenants)
    {
        var table = Show.Table("#", "Tenant", "Wave", "From", "Status", "Run", "Duration", "Reason");
        foreach (var t in tenants)
        {
            table.AddRow(Show.Text(t.Ordinal.ToString(CultureInfo.InvariantCulture)), Show.Text(t.Tenant), Show.Text(Wave(t.Wave)), Show.Text(t.FromVersion),
                Colour(t.Status), Show.Text(t.RunId?.ToString()), Show.Text(Show.Duration(t.Duration)), Show.Text(t.Reason));
        }
        return table;
    }

    /// <summary>The closing line of start-rollout and resume-rollout.</summary>
    public static void WriteEnding(IAnsiConsole console, RolloutOutcome outcome)
    {
        var s = outcome.Rollout.Summary;
        var colour = outcome.Succeeded ? "green" : s.Status == RolloutStatus.Completed ? "yellow" : "red";
        console.MarkupLine($"[{colour}]Rollout {Markup.Escape(s.Status)}[/]: {Markup.Escape(Counts(s.Counts))}.{Markup.Escape(s.StopReason is null ? "" : $" {s.StopReason}")}");
    }

    public static string Policy(RolloutPolicy p) =>
        $"canary {p.Canary}, waves of {p.WaveSize}, {p.Concurrency} at a time, stop after {p.MaxFailures} failure(s)"
        + (p.NotAfter is { } end ? $", no tenant started after {Show.Time(end)}" : "");

    public static string Counts(RolloutCounts c)
    {
        var parts = new List<string> { $"{c.Completed} completed", $"{c.Failed} failed", $"{c.Skipped} skipped" };
        if (c.Busy > 0) parts.Add($"{c.Busy} busy");
        if (c.NotStarted > 0) parts.Add($"{c.NotStarted} not started");
        if (c.Running > 0) parts.Add($"{c.Running} running");
        if (c.Pending > 0) parts.Add($"{c.Pending} pending");
        return $"{string.Join(", ", parts)} (of {c.Total})";
    }

    public static string Wave(int? wave) => wave switch { null => "", 0 => "canary", var w => w.Value.ToString(CultureInfo.InvariantCulture) };

    public static IRenderable Status(RolloutSummary s, bool brief = false) => !s.Interrupted ? Colour(s.Status)
        : new Markup($"[red]{Markup.Escape(s.Status)} (interrupted{(brief ? "" : ": its process stopped; continue it with resume-rollout")})[/]");

    public static IRenderable Colour(string status, int width = 0) => new Markup($"[{ColourOf(status)}]{Markup.Escape(status.PadRight(width))}[/]");

    private static string ColourOf(string status) => status switch
    {
        RolloutStatus.Completed or RolloutTenantStatus.Completed => "green",
        RolloutTenantStatus.Skipped or RolloutTenantStatus.NotStarted or RolloutTenantStatus.Pending => "grey",
        RolloutStatus.Running => "blue",
        RolloutTenantStatus.RolledBack or RolloutTenantStatus.Busy or RolloutStatus.StoppedByWindow or RolloutStatus.Cancelled => "yellow",
        _ => "red",
    };
}
