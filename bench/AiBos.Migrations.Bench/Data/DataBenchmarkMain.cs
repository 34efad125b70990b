using System.Globalization;

namespace AiBos.Migrations.Bench.Data;

/// <summary>Runs <see cref="DataBenchmark"/> and prints and saves its report.</summary>
public static class DataBenchmarkMain
{
    public static async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var rows = int.TryParse(Environment.GetEnvironmentVariable("AIBOS_BENCH_ROWS"), out var n) && n > 0 ? n : 600_000;
        var load = BenchContext.LoadAverage();
        await using var bench = await BenchEngine.StartAsync(settings, DataBenchmark.Database, cancellationToken);
        await using var memory = new MemoryProbe();
        MemoryProbe.ResetPeak();
        var table = await new DataBenchmark(bench, rows, memory).RunAsync(cancellationToken);
        var peak = MemoryProbe.PeakResidentBytes();
        var markdown = string.Create(CultureInfo.InvariantCulture, $"""
            # Data step benchmark, {started:yyyy-MM-dd HH:mm} UTC

            {rows:N0} ledger entries, five in six active; the rule maps four columns into a new table with a primary key.
            {Environment.ProcessorCount} cores; load average before {load}, after {BenchContext.LoadAverage()}.

            {table}
            Peak resident memory of the engine process (VmHWM): {peak / 1024.0 / 1024.0:0} MB (target < 200 MB: {(peak < 200L * 1024 * 1024 ? "PASS" : "MISS")}).

            """);
        Directory.CreateDirectory(settings.ResultsDirectory);
        var file = Path.Combine(settings.ResultsDirectory, $"data-{started:yyyy-MM-dd-HHmmss}.md");
        await File.WriteAllTextAsync(file, markdown, cancellationToken);
        Console.WriteLine(markdown);
        Console.WriteLine($"Written to {file}");
        return 0;
    }
}
