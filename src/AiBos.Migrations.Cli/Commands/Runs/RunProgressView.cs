using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>On a terminal, a live table of the run's steps redrawn in place; elsewhere (pipes, logs), one line per event.</summary>
public static class RunProgressView
{
    public static async Task<T> ShowAsync<T>(CliOutput output, Func<IRunProgress, Task<T>> body)
    {
        if (!output.IsInteractive) return await body(new RunEventLines(output.Console));
        var table = new LiveRunTable();
        return await output.Console.Live(table.Render()).AutoClear(true)
            .StartAsync(async context => await body(table.Attach(context)));
    }
}
