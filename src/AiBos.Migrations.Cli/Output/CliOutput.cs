using Spectre.Console;

namespace AiBos.Migrations.Cli.Output;

/// <summary>
/// Where a command's result goes: Spectre.Console on stdout for people (colours and live displays only on a
/// terminal), or one JSON document on stdout for scripts. Logs and errors never go to stdout.
/// </summary>
public sealed class CliOutput
{
    private readonly CliEnvironment _environment;

    public CliOutput(CliEnvironment environment, OutputFormat format)
    {
        _environment = environment;
        Format = format;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = environment.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Out),
        });
        // Piped output is read by people in logs and by tests: wide enough not to wrap ordinary tables.
        if (!environment.IsTerminal) Console.Profile.Width = 200;
    }

    public OutputFormat Format { get; }
    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Whether a live display can redraw in place.</summary>
    public bool IsInteractive => _environment.IsTerminal && !IsJson && Console.Profile.Capabilities.Interactive;

    /// <summary>The console for human output (stdout).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>stderr, for warnings and errors.</summary>
    public TextWriter Error => _environment.Error;

    /// <summary>
    /// Asks a yes/no question, "no" unless answered "y": on a terminal with a Spectre.Console confirmation prompt.
    /// Null when nobody can answer (stdin or stdout is not a terminal, or --output json).
    /// </summary>
    public async Task<bool?> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        if (IsJson) return null;
        if (_environment.Answer is { } answer)
        {
            Console.WriteLine($"{question} [y/N]");
            return answer(question);
        }
        if (!_environment.CanPrompt) return null;
        var prompt = new ConfirmationPrompt($"{Markup.Escape(question)} [[y/N]]") { DefaultValue = false, ShowChoices = false, ShowDefaultValue = false };
        return await prompt.ShowAsync(Console, cancellationToken);
    }

    public void Json<T>(T document) => CliJson.Write(_environment.Out, document);
}
