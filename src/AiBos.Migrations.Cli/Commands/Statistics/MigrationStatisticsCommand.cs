using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Statistics;

namespace AiBos.Migrations.Cli.Commands.Statistics;

/// <summary>
/// <c>migration-statistics -m accounting</c>: success and rollback rates by module and version, average time, manual
/// rollbacks, and per-step performance. JSON: the engine's MigrationStatisticsReport.
/// </summary>
public static class MigrationStatisticsCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string?>("--module", "-m") { Description = "Only this module" };
        var command = new Command("migration-statistics", "Success rates by module and version, average migration time, rollback frequency and per-step performance.")
        {
            module,
        };
        cli.Help.Examples(command,
            "aibos-migrations migration-statistics -m accounting",
            "aibos-migrations migration-statistics --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var report = await session.Get<MigrationStatistics>().GetStatisticsAsync(parse.GetValue(module), cancellationToken);
            if (session.Output.IsJson) session.Output.Json(report);
            else StatisticsView.Write(session.Output.Console, report);
            return ExitCodes.Success;
        });
        return command;
    }
}
