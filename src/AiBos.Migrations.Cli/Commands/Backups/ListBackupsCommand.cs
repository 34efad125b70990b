using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary><c>list-backups -t tenant123 -m accounting</c>: backups, newest first (deleted ones left out). JSON: <c>{"backups": [backup...]}</c>.</summary>
public static class ListBackupsCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string?>("--tenant", "-t") { Description = "Only backups of this tenant" };
        var module = new Option<string?>("--module", "-m") { Description = "Only backups of this module" };
        var command = new Command("list-backups", "List backups, newest first: those taken on request and those every run starts with.")
        {
            tenant, module,
        };
        cli.Help.Examples(command,
            "aibos-migrations list-backups",
            "aibos-migrations list-backups -t tenant123 -m accounting",
            "aibos-migrations list-backups -t tenant123 --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var backups = await session.Engine.ListBackupsAsync(parse.GetValue(tenant), parse.GetValue(module), cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { backups = backups.Select(BackupDocument.From).ToList() });
                return ExitCodes.Success;
            }
            var table = Show.Table("Id", "Tenant", "Module", "Version", "Type", "Status", "Taken by run", "Created", "Expires", "Rows", "Size");
            foreach (var b in backups)
            {
                table.AddRow(Show.Text(b.Id.ToString()), Show.Text(b.Tenant), Show.Text(b.Module), Show.Text(b.Version), Show.Text(BackupView.Kind(b)),
                    Show.Text(b.Status), Show.Text(b.RunId?.ToString()), Show.Text(Show.Time(b.CreatedAt)), Show.Text(Show.Time(b.ExpiresAt)),
                    Show.Text(Show.Number(BackupDocument.RowsKept(b))), Show.Text(Show.Bytes(b.SizeBytes)));
            }
            session.Output.Console.Write(table);
            session.Output.Console.WriteLine(backups.Count == 0
                ? "No backups yet: take one with create-backup -t <tenant> -m <module>."
                : $"{backups.Count} backup(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
