using System.Globalization;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Statistics;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Statistics;

/// <summary>Migration statistics as three tables: by module, by version, by step.</summary>
public static class StatisticsView
{
    public static void Write(IAnsiConsole console, MigrationStatisticsReport report)
    {
        if (report.Modules.Count == 0)
        {
            console.WriteLine(report.Module is null ? "No migration runs yet." : $"No migration runs of module {report.Module} yet.");
            return;
        }
        var modules = Show.Table("Module", "Runs", "Completed", "Rolled back", "Failed", "Needs operator", "Success", "Rollback rate", "Avg time", "Manual rollbacks");
        foreach (var m in report.Modules)
            modules.AddRow(Cells(m.Module, N(m.Runs), N(m.Completed), N(m.RolledBack), N(m.Failed), N(m.NeedsOperator), Show.Percent(m.SuccessRate), Show.Percent(m.RollbackRate), Show.Seconds(m.AverageSeconds), N(m.ManualRollbacks)));
        console.Write(modules.Title("By module"));

        var versions = Show.Table("Module", "Version", "Runs", "Completed", "Rolled back", "Failed", "Needs operator", "Success", "Rollback rate", "Avg time", "Max time");
        foreach (var v in report.Versions)
            versions.AddRow(Cells(v.Module, v.Version, N(v.Runs), N(v.Completed), N(v.RolledBack), N(v.Failed), N(v.NeedsOperator), Show.Percent(v.SuccessRate), Show.Percent(v.RollbackRate), Show.Seconds(v.AverageSeconds), Show.Seconds(v.MaxSeconds)));
        console.Write(versions.Title("By version"));

        var steps = Show.Table("Module", "Step", "Executions", "Completed", "Failed", "Rolled back", "Avg", "p95", "Max");
        foreach (var s in report.Steps)
            steps.AddRow(Cells(s.Module, $"{s.Name} ({s.Step})", N(s.Executions), N(s.Completed), N(s.Failed), N(s.RolledBack), Show.Milliseconds(s.AverageMs), Show.Milliseconds(s.P95Ms), Show.Milliseconds(s.MaxMs)));
        console.Write(steps.Title("By step"));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Spectre.Console.Rendering.IRenderable[] Cells(params string[] values) => values.Select(Show.Text).ToArray();
}
