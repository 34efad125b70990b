using System.CommandLine;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>list-rollback-points -t tenant123 -m accounting</c>: the named points and those runs leave after each step, newest
/// first. JSON: <c>{"rollbackPoints": [...]}</c>.
/// </summary>
public static class ListRollbackPointsCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module", Required = true };
        var command = new Command("list-rollback-points", "List the rollback points of a tenant's module, newest first: named ones and those runs leave after each step.")
        {
            tenant, module,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-rollback-points -t tenant123 -m accounting",
            "aibos-migrations list-rollback-points -t tenant123 -m accounting --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var points = await session.Get<RollbackPoints>().ListAsync(parse.GetValue(tenant)!, parse.GetValue(module)!, cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { rollbackPoints = points.Select(RollbackPointDocument.From).ToList() });
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Version", "Step", "Description", "Run", "Backup", "Created");
            foreach (var p in points)
            {
                table.AddRow(Show.Text(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Show.Text(p.Version), Show.Text(p.Step), Show.Text(p.Description),
                    Show.Text(p.RunId?.ToString()), Show.Text(p.BackupId?.ToString()), Show.Text(Show.Time(p.CreatedAt)));
            }
            session.Output.Console.Write(table);
            session.Output.Console.WriteLine(points.Count == 0 ? "No rollback points yet: create one with create-rollback-point." : $"{points.Count} rollback point(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
