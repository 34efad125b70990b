namespace AiBos.Migrations.Cli;

/// <summary>What the CLI writes to and reads besides its arguments. Program passes the console; tests pass their own writers.</summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error)
{
    /// <summary>Whether stdout is a terminal: colours and live displays only then.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Whether a person can answer a question: stdin and stdout are both terminals.</summary>
    public bool CanPrompt { get; init; }

    /// <summary>Answers yes/no questions in place of a person at a terminal (tests); when set, questions are asked off a terminal too.</summary>
    public Func<string, bool>? Answer { get; init; }

    /// <summary>Standard input, for documents given as <c>--file -</c>.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Configuration laid over appsettings.json and environment variables (and under <c>--connection</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
