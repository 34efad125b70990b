using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Execution;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary><c>list-migrations -m accounting -s failed</c>: runs, newest first. JSON: <c>{"migrations": [run...]}</c>.</summary>
public static class ListMigrationsCommand
{
    public static Command Create(CliContext cli)
    {
        var module = new Option<string?>("--module", "-m") { Description = "Only runs of this module" };
        var tenant = new Option<string?>("--tenant", "-t") { Description = "Only runs of this tenant" };
        var status = new Option<string?>("--status", "-s") { Description = "Only runs with this status", HelpName = string.Join('|', RunStatus.All) };
        status.AcceptOnlyFromAmong([.. RunStatus.All]);
        var limit = new Option<int>("--limit") { Description = "At most this many runs (1 to 10000)", DefaultValueFactory = _ => 100 };
        var command = new Command("list-migrations", "List migration runs, newest first, optionally by module, tenant and status.")
        {
            module, tenant, status, limit,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-migrations -m accounting -s failed",
            "aibos-migrations list-migrations -t tenant123 --limit 20",
            "aibos-migrations list-migrations -s needs-operator --output json");

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var filter = new MigrationFilter(parse.GetValue(module), parse.GetValue(tenant), parse.GetValue(status), parse.GetValue(limit));
            var runs = await session.Engine.ListMigrationsAsync(filter, cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { migrations = runs.Select(RunDocument.From).ToList() });
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Tenant", "Module", "Versions", "Kind", "Status", "Started", "Duration", "Failed step / error");
            foreach (var run in runs)
            {
                table.AddRow(Show.Text(run.Id.ToString()), Show.Text(run.Tenant), Show.Text(run.Module), Show.Text($"{run.FromVersion} -> {run.ToVersion}"),
                    Show.Text(run.Kind), Show.Status(run.Status), Show.Text(Show.Time(run.StartedAt)), Show.Text(Show.Duration(run.Duration)),
                    Show.Text(run.FailedStep is null ? run.Error : $"{run.FailedStep}: {run.Error}"));
            }
            session.Output.Console.Write(table);
            session.Output.Console.WriteLine($"{runs.Count} run(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
