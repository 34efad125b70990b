using System.CommandLine;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary><c>show-backup -i &lt;backup-id&gt;</c>: one backup with its manifest's tables. JSON: the backup document.</summary>
public static class ShowBackupCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The backup to show (see list-backups)", Required = true, HelpName = "backup-id" };
        var command = new Command("show-backup", "Show one backup: its type, status, size, expiry and every table with its rows and checksum.") { id };
        cli.Help.Examples(command,
            "aibos-migrations show-backup -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations show-backup -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --output json");
        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var backup = await session.Get<BackupService>().GetBackupAsync(parse.GetValue(id), cancellationToken);
            if (session.Output.IsJson) session.Output.Json(BackupDocument.From(backup));
            else BackupView.Write(session.Output.Console, backup);
            return ExitCodes.Success;
        });
        return command;
    }
}
