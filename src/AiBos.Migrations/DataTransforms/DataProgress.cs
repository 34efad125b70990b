using System.Diagnostics;
using System.Globalization;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// The data step's progress across its rules: rows done of the total, rows per second and time left, reported
/// after every batch. A report is a catalog write plus NOTIFY, so batches that finish within
/// <see cref="MinimumInterval"/> of the last report are folded into the next one (the first and last never are).
/// </summary>
public sealed class DataProgress(RunContext context, long total, long alreadyDone)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;
    private long _movedHere;
    private Task? _pending;

    public long Done { get; private set; } = alreadyDone;

    /// <summary>Rows to move: exact, or the planner's estimate for large tables, raised when more rows than estimated move.</summary>
    public long Total { get; private set; } = total;

    /// <summary>Rows per second measured in this process (a resumed run starts measuring again).</summary>
    public double Rate => _watch.Elapsed.TotalSeconds > 0 ? _movedHere / _watch.Elapsed.TotalSeconds : 0;

    public double? SecondsLeft => Rate > 0 ? Math.Max(0, Total - Done) / Rate : null;

    /// <summary>Source rows whose target row was already there (moved by an earlier run of the rule), not written again.</summary>
    public long AlreadyPresent { get; private set; }

    public async Task BatchDoneAsync(RegisteredDataRule rule, long rowsRead, long alreadyPresent, bool last, CancellationToken cancellationToken)
    {
        Done += rowsRead;
        AlreadyPresent += alreadyPresent;
        Total = Math.Max(Total, Done);
        _movedHere += rowsRead;
        if (!last && _lastReport != TimeSpan.MinValue && _watch.Elapsed - _lastReport < MinimumInterval) return;
        _lastReport = _watch.Elapsed;
        // The report is written while the next batch runs (one at a time, in order); the last one is waited for.
        if (_pending is not null) await _pending;
        _pending = context.ReportProgressAsync(Done, Total, Describe(rule), cancellationToken, Math.Round(Rate, 1), SecondsLeft is { } s ? Math.Round(s, 1) : null);
        if (last) await FlushAsync();
    }

    /// <summary>Waits for the report being written, if any.</summary>
    public async Task FlushAsync()
    {
        if (_pending is null) return;
        var pending = _pending;
        _pending = null;
        await pending;
    }

    public async Task StartedAsync(RegisteredDataRule rule, string note, CancellationToken cancellationToken)
    {
        await FlushAsync();
        await context.ReportProgressAsync(Done, Total, $"{rule.DisplayName}: {note}", cancellationToken);
    }

    private string Describe(RegisteredDataRule rule)
    {
        var culture = CultureInfo.InvariantCulture;
        var left = SecondsLeft is { } s ? $" · about {TimeSpan.FromSeconds(Math.Ceiling(s)).ToString(s >= 3600 ? @"h\:mm\:ss" : @"m\:ss", culture)} left" : "";
        var present = AlreadyPresent > 0 ? string.Create(culture, $" ({AlreadyPresent:N0} already present, not written again)") : "";
        return string.Create(culture, $"{rule.DisplayName}: {Done:N0} of {Total:N0} rows{present} · {Rate:N0} rows/s{left}");
    }
}
