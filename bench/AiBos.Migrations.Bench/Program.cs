using AiBos.Migrations.Bench;
using AiBos.Migrations.Bench.Data;

// The backup benchmark (bench/backup.sh) or, with "data", the data step benchmark (bench/data.sh); both scripts start
// the private cluster this program measures against.
var cancellationToken = CancellationToken.None;
var settings = BenchSettings.FromEnvironment();
if (args is ["data", ..])
    return await DataBenchmarkMain.RunAsync(settings, cancellationToken);
var started = DateTimeOffset.UtcNow;
var loadBefore = BenchContext.LoadAverage();

await using var bench = await BenchEngine.StartAsync(settings, BackupBenchmark.Database, cancellationToken);
Console.Error.WriteLine($"Installing the bench module and filling {settings.Rows:N0} rows...");
await bench.InstallModuleAsync(cancellationToken);
await bench.FillAsync(settings.Rows, cancellationToken);
var context = await BenchContext.DescribeAsync(bench, settings.Rows, loadBefore, cancellationToken);

Console.Error.WriteLine("Measuring...");
await using var memory = new MemoryProbe();
MemoryProbe.ResetPeak();
var benchmark = new BackupBenchmark(settings, bench, memory);
await benchmark.RunAsync(cancellationToken);
var peak = MemoryProbe.PeakResidentBytes();
context.Add($"Load average after the run: {BenchContext.LoadAverage()}");

var statements = ServerLogPhases.Read(Environment.GetEnvironmentVariable("AIBOS_BENCH_SERVER_LOG"));
var report = new ResultsReport(benchmark.Measurements, context, benchmark.Notes, peak, statements);
var markdown = report.ToMarkdown(started);
Directory.CreateDirectory(settings.ResultsDirectory);
var file = Path.Combine(settings.ResultsDirectory, $"backup-{started:yyyy-MM-dd-HHmmss}.md");
await File.WriteAllTextAsync(file, markdown, cancellationToken);
Console.WriteLine(markdown);
Console.WriteLine($"Written to {file}");
return 0;
