using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Bench.Data;

/// <summary>
/// The data step beside the single statement it replaces: the same rows, mapping and condition moved by one
/// <c>INSERT INTO ... SELECT</c> into an empty copy of the target, and by the engine's data step (batches, each in its
/// own transaction with its checkpoint, progress reported through the run's events), in interleaved rounds.
/// </summary>
public sealed class DataBenchmark(BenchEngine bench, int rows, MemoryProbe memory)
{
    public const string Database = "aibos_databench";
    private const string Schema = BenchEngine.TenantSchema;

    private readonly List<string> _lines = [];
    private long _moving;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var folder = LedgerBenchModule.WriteFolder();
        try
        {
            await bench.Engine.RegisterModuleFolderAsync(folder, replace: false, cancellationToken);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
        Expect(await bench.Engine.InstallModuleAsync(BenchEngine.TenantKey, LedgerBenchModule.Name, "1.0.0", null, cancellationToken));
        await bench.ExecuteAsync(LedgerBenchModule.FillSql(Schema, rows), cancellationToken);
        await bench.ExecuteAsync($"VACUUM ANALYZE {Schema}.ledger_entries", cancellationToken);
        _moving = await bench.ScalarAsync<long>($"SELECT count(*) FROM {Schema}.ledger_entries WHERE {LedgerBenchModule.Condition}", cancellationToken);
        Console.Error.WriteLine($"Moving {_moving:N0} of {rows:N0} rows...");

        // Rounds of the three, interleaved, so that a busy moment of the machine falls on all of them alike; the
        // median of each is reported.
        const int rounds = 5;
        var singles = new List<double>();
        var steps = new Dictionary<int, List<(double Seconds, double StepSeconds, int Reports, long Peak)>> { [0] = [], [10_000] = [] };
        // A first round warms the caches and the engine's code paths and is not counted.
        await SingleStatementAsync(cancellationToken);
        await DataStepAsync(null, cancellationToken);
        for (var round = 0; round < rounds; round++)
        {
            singles.Add(await SingleStatementAsync(cancellationToken));
            foreach (var (size, measured) in steps)
                measured.Add(await DataStepAsync(size == 0 ? null : size, cancellationToken));
        }
        var single = Median(singles);
        var results = steps.Select(s =>
        {
            var median = s.Value.OrderBy(m => m.Seconds).ElementAt(rounds / 2);
            return (s.Key == 0 ? $"data step, default batch size (adaptive from {DataTransforms.DataStep.DefaultBatchSize:N0})" : $"data step, batch size {s.Key:N0}",
                median.Seconds, median.StepSeconds, median.Reports, s.Value.Max(m => m.Peak));
        }).ToList();
        _lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Single statement: {string.Join(", ", singles.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} s; default data step: {string.Join(", ", steps[0].Select(x => x.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} s (medians of {rounds} interleaved rounds below)."));
        return Report(single, results);
    }

    private async Task<double> SingleStatementAsync(CancellationToken cancellationToken)
    {
        await bench.ExecuteAsync($"DROP TABLE IF EXISTS {Schema}.single_target; {LedgerBenchModule.TargetTableSql($"{Schema}.single_target")}", cancellationToken);
        var watch = Stopwatch.StartNew();
        await bench.ExecuteAsync($"""
            INSERT INTO {Schema}.single_target ({LedgerBenchModule.TargetColumns})
            SELECT {LedgerBenchModule.SourceColumns} FROM {Schema}.ledger_entries WHERE {LedgerBenchModule.Condition}
            """, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        await bench.ExecuteAsync($"DROP TABLE {Schema}.single_target", cancellationToken);
        return seconds;
    }

    // Upgrades 1.0.0 -> 2.0.0 (without the backup, which is not what is measured here), reads the data step's own
    // duration from the run, then downgrades again so that the next attempt starts from the same state.
    private async Task<(double Seconds, double StepSeconds, int Reports, long Peak)> DataStepAsync(int? batchSize, CancellationToken cancellationToken)
    {
        var reports = 0;
        DateTimeOffset? started = null, moved = null;
        using var stop = new CancellationTokenSource();
        var counting = Task.Run(async () =>
        {
            await foreach (var e in bench.Events.SubscribeAsync(stop.Token))
            {
                if (e is { Step: "data", Status: StepStatus.Running }) started ??= e.At;
                if (e is not { Step: "data", Rate: not null }) continue;
                reports++;
                moved = e.At;
            }
        }, CancellationToken.None);
        memory.Restart();
        var outcome = await bench.Engine.ExecuteModuleMigrationAsync(BenchEngine.TenantKey, LedgerBenchModule.Name, "1.0.0", "2.0.0",
            new MigrationOptions { BatchSize = batchSize, SkipBackup = true }, cancellationToken);
        var peak = memory.Restart();
        await stop.CancelAsync();
        try { await counting; } catch (OperationCanceledException) { }
        var run = await bench.Engine.GetMigrationAsync(Expect(outcome).RunId, cancellationToken);
        var step = run.MigrationSteps.Single(s => s.Kind == "data");
        if (step.Done != _moving) throw new InvalidOperationException($"The data step moved {step.Done} rows, not {_moving}.");
        Expect(await bench.Engine.ExecuteModuleMigrationAsync(BenchEngine.TenantKey, LedgerBenchModule.Name, "2.0.0", "1.0.0",
            new MigrationOptions { SkipBackup = true }, cancellationToken));
        // From the step's start to its last batch: the rows counted and moved, not the rule's validation queries
        // afterwards, which the single statement does not run either (the step's whole time is shown beside it).
        return ((moved!.Value - started!.Value).TotalSeconds, step.Duration!.Value.TotalSeconds, reports, peak);
    }

    private string Report(double single, List<(string Label, double Seconds, double StepSeconds, int Reports, long Peak)> results)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"| Operation | Moving (s) | Rows/s | vs single statement | Whole step with validation (s) | Progress reports | Peak working set |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| one INSERT INTO ... SELECT | {single:0.00} | {_moving / single:N0} | 1.00x | | none | |");
        foreach (var r in results)
            text.AppendLine(c, $"| {r.Label} | {r.Seconds:0.00} | {_moving / r.Seconds:N0} | {single / r.Seconds:0.00}x | {r.StepSeconds:0.00} | {r.Reports} | {r.Peak / 1024.0 / 1024.0:0} MB |");
        var ratio = single / results[0].Seconds;
        text.AppendLine();
        foreach (var line in _lines) text.AppendLine(line);
        text.AppendLine(c, $"Target: the default batch size reaches at least 0.9x the single statement's throughput: {(ratio >= 0.9 ? "PASS" : "MISS")} ({ratio:0.00}x).");
        return text.ToString();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static Completed Expect(RunOutcome outcome) =>
        outcome as Completed ?? throw new InvalidOperationException($"The run did not complete: {outcome}");
}
