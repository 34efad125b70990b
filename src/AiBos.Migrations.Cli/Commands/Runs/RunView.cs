using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>A run for people: a summary grid, its steps with timings, and its error.</summary>
public static class RunView
{
    public static void Write(IAnsiConsole console, MigrationRun run)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(Show.Text("Run"), Show.Text(run.Id.ToString()));
        grid.AddRow(Show.Text("Tenant"), Show.Text(run.Tenant));
        grid.AddRow(Show.Text("Module"), Show.Text($"{run.Module} {run.FromVersion} -> {run.ToVersion} ({run.Kind})"));
        grid.AddRow(Show.Text("Status"), Show.Status(run.Status));
        grid.AddRow(Show.Text("Started"), Show.Text($"{Show.Time(run.StartedAt)}{(run.RequestedBy is null ? "" : $" by {run.RequestedBy}")}"));
        grid.AddRow(Show.Text("Duration"), Show.Text(Show.Duration(run.Duration)));
        if (run.RollbackOf is { } of) grid.AddRow(Show.Text("Rolls back"), Show.Text(of.ToString()));
        if (run.FailedStep is not null) grid.AddRow(Show.Text("Failed step"), Show.Text(run.FailedStep));
        if (run.RollbackPath is not null) grid.AddRow(Show.Text("Rollback"), Show.Text(run.RollbackPath));
        if (run.Error is not null) grid.AddRow(Show.Text("Error"), Show.Text(run.Error));
        console.Write(grid);
        console.Write(Steps(run.MigrationSteps));
    }

    public static Table Steps(IReadOnlyList<MigrationStep> steps)
    {
        var table = Show.Table("#", "Step", "Status", "Progress", "Started", "Duration", "Message");
        foreach (var step in steps)
        {
            table.AddRow(Show.Text(step.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)), Show.Text($"{step.Name} ({step.Kind})"),
                Show.Status(step.Status), Show.Text(StepProgress.Of(step.Kind, step.Done, step.Total)),
                Show.Text(Show.Time(step.StartedAt)), Show.Text(Show.Duration(step.Duration)), Show.Text(step.Error ?? step.Message));
        }
        return table;
    }
}
