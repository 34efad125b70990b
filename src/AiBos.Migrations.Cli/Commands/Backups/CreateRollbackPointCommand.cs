using System.CommandLine;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>create-rollback-point -t tenant123 -m accounting -v 1.0.0 --description "Before the tax change"</c>: the seed's
/// createRollbackPoint, a named point holding a full backup. JSON: <c>{"rollbackPoint": {...}, "backup": {...}}</c>.
/// </summary>
public static class CreateRollbackPointCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module", Required = true };
        var version = new Option<string>("--version", "-v") { Description = "The tenant's current version of the module (checked)", Required = true };
        var description = new Option<string>("--description", "-d") { Description = "What the point is (1 to 500 characters)", Required = true };
        var command = new Command("create-rollback-point", "Create a named rollback point of a tenant's module (it holds a full backup); return to it with restore-rollback-point.")
        {
            tenant, module, version, description,
        };
        cli.Help.Examples(command,
            "aibos-migrations create-rollback-point -t tenant123 -m accounting -v 1.0.0 --description \"Pre-migration backup\"",
            "aibos-migrations create-rollback-point -t tenant123 -m accounting -v 2.0.0 -d \"After the year-end close\" --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            var point = await session.Engine.CreateRollbackPointAsync(parse.GetValue(tenant)!, parse.GetValue(module)!, parse.GetValue(version)!, null,
                parse.GetValue(description)!, Environment.UserName, cancellationToken);
            var backup = await session.Get<BackupService>().GetBackupAsync(point.BackupId!.Value, cancellationToken);
            if (session.Output.IsJson)
            {
                session.Output.Json(new { rollbackPoint = RollbackPointDocument.From(point), backup = BackupDocument.From(backup) });
                return ExitCodes.Success;
            }
            session.Output.Console.MarkupLine($"[green]Rollback point {point.Id}[/]: {Markup.Escape($"\"{point.Description}\", {point.Module} {point.Version} for tenant {point.Tenant}")}, "
                + $"backup {backup.Id} ({backup.Tables.Count} table(s), {Show.Number(BackupDocument.RowsKept(backup))} rows, {Show.Bytes(backup.SizeBytes)}).");
            session.Output.Console.WriteLine($"Return to it with: aibos-migrations restore-rollback-point -i {point.Id}");
            return ExitCodes.Success;
        });
        return command;
    }
}
