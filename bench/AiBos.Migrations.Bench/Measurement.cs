namespace AiBos.Migrations.Bench;

/// <summary>What a measured operation is compared with.</summary>
public enum Baseline { None, PgDump, PgRestore }

/// <summary>One timed operation. <paramref name="PeakBytes"/> is the bench process's sampled peak during it (0 for external tools).</summary>
public sealed record Measurement(string Key, string Operation, DateTimeOffset Started, double Seconds, Baseline ComparedWith, long PeakBytes);

/// <summary>A target: an operation's time at most <paramref name="MaxRatio"/> times its baseline.</summary>
public sealed record Target(string Key, string Description, double MaxRatio);
