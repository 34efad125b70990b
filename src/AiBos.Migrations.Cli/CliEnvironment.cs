namespace AiBos.Migrations.Cli;

/// <summary>What the CLI writes to and reads besides its arguments. Program passes the console; tests pass their own writers.</summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error)
{
    /// <summary>Whether stdout is a terminal: colours and live displays only then.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Configuration laid over appsettings.json and environment variables (and under <c>--connection</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
