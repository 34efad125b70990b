using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// One line per run event, for output that is not a terminal: <c>12:00:01  schema  running  2/3  Applied 002_x.sql</c>;
/// the data step's lines also carry its rate and time left (<c>1,000 / 5,000 rows · 2,410 rows/s · 0:02 left</c>).
/// </summary>
public sealed class RunEventLines(IAnsiConsole console) : IRunProgress
{
    public void Begin(MigrationRun run) =>
        console.WriteLine($"Run {run.Id}: tenant {run.Tenant}, {run.Module} {run.FromVersion} -> {run.ToVersion} ({run.Kind}), steps: {string.Join(", ", run.MigrationSteps.Select(s => s.Kind))}");

    public void Apply(RunEvent runEvent)
    {
        var progress = StepProgress.Of(runEvent);
        var line = $"{runEvent.At.ToLocalTime():HH:mm:ss}  {runEvent.Step ?? "run",-12} {runEvent.Status,-14} {progress,-7} {StepProgress.Message(runEvent.Message, runEvent.Rate)}".TrimEnd();
        console.MarkupLine($"[{Show.ColourOf(runEvent.Status)}]{Markup.Escape(line)}[/]");
    }
}
