using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AiBos.Migrations.Cli.Commands;
using Microsoft.Extensions.Options;

namespace AiBos.Migrations.Cli.Output;

/// <summary>
/// Turns a parse error or an exception into one line on stderr that says what to do (the stack trace only with
/// --verbose) and, with --output json, an error document on stdout. Returns the exit code.
/// </summary>
public sealed partial class ErrorReport(CliEnvironment environment, GlobalOptions globals, ParseResult parseResult)
{
    public int ParseErrors()
    {
        var message = string.Join(" ", parseResult.Errors.Select(e => e.Message.TrimEnd()).Distinct().Select(m => m.EndsWith('.') ? m : m + "."));
        return Write(ExitCodes.InvalidInput, "invalid-input", $"{message} See '{CommandPath(parseResult.CommandResult)} --help'.", null);
    }

    public int Exception(Exception exception, bool cancelled)
    {
        var (code, kind) = ExitCodes.ForException(exception, cancelled);
        var message = kind switch
        {
            "invalid-input" or "not-found" => InputProblems(exception),
            "tenant-busy" => $"{exception.Message} Nothing was touched.",
            "cancelled" => "Cancelled.",
            "database-unreachable" => $"The database cannot be reached ({Describe(exception)}): check ConnectionStrings:Catalog, --connection or the shard's connection string, and that PostgreSQL is running.",
            _ => $"Unexpected error: {exception.GetType().Name}: {exception.Message} Run again with --verbose for the details.",
        };
        return Write(code, kind, message, exception);
    }

    private int Write(int code, string kind, string message, Exception? exception)
    {
        var line = OneLine(message);
        environment.Error.WriteLine($"error: {line}");
        if (exception is not null && Verbose) environment.Error.WriteLine(exception.ToString());
        if (Format == OutputFormat.Json)
            CliJson.Write(environment.Out, new ErrorDocument(new ErrorBody(code, kind, line)));
        return code;
    }

    private bool Verbose => TryGet(globals.Verbose);

    private OutputFormat Format => TryGet(globals.Output);

    private T? TryGet<T>(Option<T> option) =>
        parseResult.Errors.Any(e => e.SymbolResult is OptionResult o && o.Option == option) ? default : parseResult.GetValue(option);

    private static string InputProblems(Exception exception) => exception switch
    {
        OptionsValidationException o => $"The configuration is not valid: {string.Join(" ", o.Failures)}",
        AggregateException a => string.Join(" ", a.InnerExceptions.Select(InputProblems)),
        _ => exception.Message,
    };

    private static string Describe(Exception exception)
    {
        var messages = DatabaseFailures.Chain(exception).Select(e => e.Message.TrimEnd('.')).Distinct().Take(3);
        return string.Join(": ", messages);
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Insert(0, c.Parent is null ? CliCommands.ToolName : c.Command.Name);
        return string.Join(' ', names);
    }

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();

    private static string OneLine(string message) => LineBreaks().Replace(message.Trim(), " ");
}
