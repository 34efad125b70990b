using System.Globalization;
using System.Text.RegularExpressions;

namespace AiBos.Migrations.Bench;

/// <summary>
/// Where an operation's time went on the server: the statements over log_min_duration_statement that ended during
/// it, read from the cluster's log (bench/backup.sh passes its path; log_line_prefix '%m [%p] ' in UTC).
/// </summary>
public static partial class ServerLogPhases
{
    public sealed record Statement(DateTimeOffset End, double Seconds, string Text);

    public static IReadOnlyList<Statement> Read(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return [];
        var statements = new List<Statement>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = DurationLine().Match(line);
            if (!match.Success) continue;
            var end = DateTimeOffset.ParseExact(match.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var text = match.Groups["sql"].Value.Trim();
            statements.Add(new Statement(end, double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000, text.Length > 110 ? text[..110] + "…" : text));
        }
        return statements;
    }

    /// <summary>The statements that ended within the measurement's window, in order.</summary>
    public static IEnumerable<Statement> During(IReadOnlyList<Statement> statements, Measurement m) =>
        statements.Where(s => s.End >= m.Started && s.End <= m.Started + TimeSpan.FromSeconds(m.Seconds) + TimeSpan.FromMilliseconds(50));

    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC \[\d+\] LOG:  duration: (?<ms>[\d.]+) ms  (?:statement|execute [^:]*): (?<sql>.*)$")]
    private static partial Regex DurationLine();
}
