using System.CommandLine;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>restore-backup -i &lt;backup-id&gt; [--yes]</c>: brings a tenant's module back to a backup, verified against its
/// manifest. Rows that would be discarded are shown first and need a confirmation (exit 9 without one).
/// </summary>
public static class RestoreBackupCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<Guid>("--id", "-i") { Description = "The backup to restore (see list-backups)", Required = true, HelpName = "backup-id" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Discard the rows the tenant has now and the backup does not hold, without asking" };
        var command = new Command("restore-backup",
            "Restore a tenant's module from a backup: tables, rows, indexes, applied migrations and version, verified against the backup's manifest. "
            + "Shows first what would be discarded; discarding rows needs --yes or a 'y' at the prompt.")
        {
            id, yes,
        };
        cli.Help.Examples(command,
            "aibos-migrations restore-backup -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11",
            "aibos-migrations restore-backup -i 0193a7a2-5a6e-7c1e-9a40-2f4d1c0b6e11 --yes --output json",
            "aibos-migrations list-backups -t tenant123 -m accounting   # find the id first");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var backupId = parse.GetValue(id);
            var request = new RestoreRequest(backupId, null, $"aibos-migrations restore-backup -i {backupId}");
            return await RestoreFlow.RunAsync(session, request, parse.GetValue(yes),
                (confirmed, ct) => session.Engine.RestoreBackupAsync(backupId, confirmed, Environment.UserName, ct), cancellationToken);
        });
        return command;
    }
}
