using System.Globalization;
using System.Text;

namespace AiBos.Migrations.Bench;

/// <summary>The results as markdown: the context, the table of times and ratios, the targets and the memory peak.</summary>
public sealed class ResultsReport(IReadOnlyList<Measurement> measurements, IReadOnlyList<string> context, IReadOnlyList<string> notes, long peakResidentBytes,
    IReadOnlyList<ServerLogPhases.Statement> serverStatements)
{
    public const double MemoryTargetMb = 200;

    public static readonly IReadOnlyList<Target> Targets =
    [
        new("backup", "full backup (Copy) <= 0.35x pg_dump", 0.35),
        new("restore", "restore (Copy) <= 1.0x pg_restore", 1.0),
        new("snapshot-restore", "snapshot restore <= 0.1x pg_restore", 0.1),
    ];

    public bool AllPassed => Targets.All(t => Passed(t) != false) && PeakMb <= MemoryTargetMb;

    private double PeakMb => peakResidentBytes / 1048576.0;

    public string ToMarkdown(DateTimeOffset when)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"## Backup benchmark, {when:yyyy-MM-dd HH:mm} UTC")).AppendLine();
        foreach (var line in context) md.AppendLine("- " + line);
        md.AppendLine();
        md.AppendLine("| Operation | Seconds | Ratio | Peak working set |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var m in measurements)
            md.AppendLine(Invariant($"| {m.Operation} | {m.Seconds:F2} | {RatioText(m)} | {(m.PeakBytes > 0 ? $"{m.PeakBytes / 1048576.0:F0} MB" : "(external)")} |"));
        md.AppendLine();
        md.AppendLine("| Target | Measured | Result |");
        md.AppendLine("|---|---:|---|");
        foreach (var target in Targets)
        {
            var ratio = Ratio(Find(target.Key));
            md.AppendLine(Invariant($"| {target.Description} | {(ratio is { } r ? $"{r:F2}x" : "n/a")} | {Verdict(Passed(target))} |"));
        }
        md.AppendLine(Invariant($"| peak memory of the bench process <= {MemoryTargetMb:F0} MB | {PeakMb:F0} MB (VmHWM) | {Verdict(PeakMb <= MemoryTargetMb)} |"));
        md.AppendLine();
        foreach (var note in notes) md.AppendLine("- " + note);
        if (serverStatements.Count > 0) AppendPhases(md);
        return md.ToString();
    }

    private void AppendPhases(StringBuilder md)
    {
        md.AppendLine().AppendLine("Where the time went: server statements over 0.5 s during each operation.").AppendLine();
        foreach (var m in measurements)
        {
            var phases = ServerLogPhases.During(serverStatements, m).ToList();
            md.AppendLine(Invariant($"- {m.Operation}: {m.Seconds:F2} s, of which {phases.Sum(p => p.Seconds):F2} s in these statements"));
            foreach (var phase in phases) md.AppendLine(Invariant($"  - {phase.Seconds,6:F2} s `{phase.Text.Replace("`", "'", StringComparison.Ordinal)}`"));
        }
    }

    private Measurement? Find(string key) => measurements.FirstOrDefault(m => m.Key == key);

    private bool? Passed(Target target) => Ratio(Find(target.Key)) is { } ratio ? ratio <= target.MaxRatio : null;

    private double? Ratio(Measurement? m)
    {
        if (m is null) return null;
        var baseline = m.ComparedWith switch { Baseline.PgDump => Find("pg_dump"), Baseline.PgRestore => Find("pg_restore"), _ => null };
        return baseline is { Seconds: > 0 } ? m.Seconds / baseline.Seconds : null;
    }

    private string RatioText(Measurement m) => m.ComparedWith switch
    {
        Baseline.PgDump when Ratio(m) is { } r => Invariant($"{r:F2}x pg_dump"),
        Baseline.PgRestore when Ratio(m) is { } r => Invariant($"{r:F2}x pg_restore"),
        _ => "1.00x (baseline)",
    };

    private static string Verdict(bool? passed) => passed switch { true => "PASS", false => "MISS", null => "n/a" };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
