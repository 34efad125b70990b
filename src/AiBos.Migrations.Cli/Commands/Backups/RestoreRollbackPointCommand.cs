using System.CommandLine;
using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>restore-rollback-point -i &lt;id&gt; [--yes]</c>: the seed's restoreFromRollbackPoint, a restore of the point's backup
/// with the same preview and confirmation as restore-backup.
/// </summary>
public static class RestoreRollbackPointCommand
{
    public static Command Create(CliContext cli)
    {
        var id = new Option<long>("--id", "-i") { Description = "The rollback point (see list-rollback-points)", Required = true, HelpName = "rollback-point-id" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Discard the rows the tenant has now and the point's backup does not hold, without asking" };
        var command = new Command("restore-rollback-point",
            "Return a tenant's module to a rollback point: a verified restore of its backup. Discarding rows needs --yes or a 'y' at the prompt.")
        {
            id, yes,
        };
        cli.Help.Examples(command,
            "aibos-migrations restore-rollback-point -i 42",
            "aibos-migrations restore-rollback-point -i 42 --yes --output json",
            "aibos-migrations list-rollback-points -t tenant123 -m accounting   # find the id first");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var pointId = parse.GetValue(id);
            var point = await session.Get<RollbackPoints>().GetAsync(pointId, cancellationToken);
            var backupId = point.BackupId ?? throw new InvalidInputException(
                $"Rollback point {pointId} holds no backup (its run skipped the backup step): roll back the run instead with rollback-migration -i {point.RunId}.");
            var request = new RestoreRequest(backupId, pointId, $"aibos-migrations restore-rollback-point -i {pointId}");
            return await RestoreFlow.RunAsync(session, request, parse.GetValue(yes),
                (confirmed, ct) => session.Engine.RestoreFromRollbackPointAsync(pointId, confirmed, Environment.UserName, ct), cancellationToken);
        });
        return command;
    }
}
