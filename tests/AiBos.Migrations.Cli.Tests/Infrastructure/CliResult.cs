using System.Text.Json;

namespace AiBos.Migrations.Cli.Tests.Infrastructure;

/// <summary>What one in-process run of aibos-migrations returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>stdout parsed as the one JSON document of --output json.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Out);
            return document.RootElement.Clone();
        }
    }

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts a failure reported as the CLI promises: one line on stderr, no stack trace.</summary>
    public CliResult ShouldFailWith(int exitCode, string messagePart)
    {
        Assert.True(ExitCode == exitCode, $"Expected exit code {exitCode}, got {ExitCode}.\nstdout: {Out}\nstderr: {Error}");
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(messagePart, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", Error);
        return this;
    }

    public CliResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"Expected success, got exit code {ExitCode}.\nstdout: {Out}\nstderr: {Error}");
        return this;
    }
}
