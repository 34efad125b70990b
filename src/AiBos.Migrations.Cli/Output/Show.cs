using System.Globalization;
using AiBos.Migrations.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiBos.Migrations.Cli.Output;

/// <summary>Small building blocks of human output: escaped cells, coloured statuses, durations and times.</summary>
public static class Show
{
    /// <summary>Plain text, never interpreted as markup (names and messages come from users and databases).</summary>
    public static IRenderable Text(string? text) => new Text(text ?? "");

    public static IRenderable Status(string status) => new Markup($"[{ColourOf(status)}]{Markup.Escape(status)}[/]");

    public static string ColourOf(string status) => status switch
    {
        RunStatus.Completed => "green",
        RunStatus.RolledBack => "yellow",
        RunStatus.Failed or RunStatus.NeedsOperator => "red",
        RunStatus.Running or RunStatus.RollingBack => "blue",
        _ => "grey",
    };

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.0} s",
        { TotalHours: < 1 } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        var d => $"{(int)d.Value.TotalHours} h {d.Value.Minutes} min",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:0.0} MB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:0.0} GB",
    };

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double? seconds) => seconds is { } s ? Duration(TimeSpan.FromSeconds(s)) : "";

    public static string Milliseconds(double? ms) => ms is { } m ? Duration(TimeSpan.FromMilliseconds(m)) : "";

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "";

    public static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(new TableColumn(Markup.Escape(column)));
        return table;
    }
}
