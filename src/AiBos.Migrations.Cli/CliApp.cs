using System.CommandLine;
using System.CommandLine.Invocation;
using AiBos.Migrations.Cli.Commands;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli;

/// <summary>The entry point of <c>aibos-migrations</c>, shared by Program and the tests: parses, runs one command, returns its exit code.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new CliEnvironment(stdout, stderr), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var cli = CliCommands.Create(environment);
        var parseResult = cli.Root.Parse(args);
        var report = new ErrorReport(environment, cli.Globals, parseResult);
        if (parseResult.Action is ParseErrorAction)
            return report.ParseErrors();
        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            }, cancellationToken);
        }
        catch (Exception e)
        {
            // The host's edge: every failure becomes a one-line message and an exit code (stack trace only with --verbose).
            return report.Exception(e, cancellationToken.IsCancellationRequested);
        }
    }
}
