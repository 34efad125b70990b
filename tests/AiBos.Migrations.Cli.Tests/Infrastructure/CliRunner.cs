using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Infrastructure;

/// <summary>
/// Runs aibos-migrations in-process through the same entry point as Program (<see cref="CliApp.RunAsync(string[], CliEnvironment, CancellationToken)"/>),
/// against one test database, capturing stdout and stderr. Settings shorten heartbeats and lock waits like TestEngine's.
/// </summary>
public sealed class CliRunner(string connectionString)
{
    public static readonly IReadOnlyDictionary<string, string?> FastSettings = new Dictionary<string, string?>
    {
        ["AiBos:Execution:LockTimeout"] = "00:00:00.500",
        ["AiBos:Execution:HeartbeatInterval"] = "00:00:00.200",
        ["AiBos:Execution:TenantLockWait"] = "00:00:00.500",
    };

    public string ConnectionString { get; } = connectionString;

    public static CliRunner For(TestEngine engine) => new(engine.ConnectionString);

    /// <summary>Runs a command against this test's database (<c>--connection</c> is added).</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunRawAsync([.. args, "--connection", ConnectionString]);

    /// <summary>Runs a command that <paramref name="cancellationToken"/> interrupts as Ctrl+C would.</summary>
    public Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunRawAsync([.. args, "--connection", ConnectionString], cancellationToken);

    /// <summary>Runs a command as if a person at a terminal answered its yes/no questions with <paramref name="answer"/>.</summary>
    public Task<CliResult> RunAnsweringAsync(Func<string, bool> answer, params string[] args) =>
        RunRawAsync([.. args, "--connection", ConnectionString], answer: answer);

    /// <summary>Runs exactly the given arguments.</summary>
    public static async Task<CliResult> RunRawAsync(string[] args, CancellationToken cancellationToken = default, Func<string, bool>? answer = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr)) { Settings = FastSettings, Answer = answer };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var exitCode = await CliApp.RunAsync(args, environment, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static string Samples(string module) => TestPaths.Samples(module);

    public static string SampleFile(string module, string version, string file) => Path.Combine(TestPaths.Samples(module), version, file);

    public static string Scenario(string name, string module) => TestPaths.Scenario(name, module);
}
