using System.CommandLine;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>cleanup-backups</c>: the seed's cleanupExpiredBackups. Deletes backups past their retention (AiBos:Backups:Retention),
/// except those a run may still need; marks abandoned half-written backups failed. JSON: <see cref="CleanupDocument"/>.
/// </summary>
public static class CleanupBackupsCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("cleanup-backups",
            "Delete the backups past their retention (AiBos:Backups:Retention, 30 days by default), keeping those a run can still be rolled back with.");
        cli.Help.Examples(command, "aibos-migrations cleanup-backups", "aibos-migrations cleanup-backups --output json");
        command.SetEngineAction(cli, async (session, _, cancellationToken) =>
        {
            var result = CleanupDocument.From(await session.Engine.CleanupExpiredBackupsAsync(cancellationToken));
            if (session.Output.IsJson)
            {
                session.Output.Json(result);
                return ExitCodes.Success;
            }
            var console = session.Output.Console;
            console.WriteLine($"Deleted {result.Deleted.Count} expired backup(s).");
            foreach (var id in result.Deleted) console.WriteLine($"  - {id}");
            if (result.Kept.Count > 0)
            {
                console.WriteLine($"Kept {result.Kept.Count} expired backup(s):");
                var table = Show.Table("Backup", "Kept because");
                foreach (var kept in result.Kept) table.AddRow(Show.Text(kept.BackupId.ToString()), Show.Text(kept.Reason));
                console.Write(table);
            }
            if (result.MarkedFailed.Count > 0)
            {
                console.WriteLine($"Marked {result.MarkedFailed.Count} abandoned backup(s) failed (left half-written by a process that died):");
                foreach (var id in result.MarkedFailed) console.WriteLine($"  - {id}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
