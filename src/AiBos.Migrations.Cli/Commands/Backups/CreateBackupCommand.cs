using System.CommandLine;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Cli.Output;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Backups;

/// <summary>
/// <c>create-backup -t tenant123 -m accounting -v 1.0.0</c>: backs up a tenant's module (full, incremental or
/// schema-only; a copy or a ready-to-swap snapshot). JSON: the backup document.
/// </summary>
public static class CreateBackupCommand
{
    public static Command Create(CliContext cli)
    {
        var tenant = new Option<string>("--tenant", "-t") { Description = "The tenant whose module is backed up", Required = true };
        var module = new Option<string>("--module", "-m") { Description = "The module to back up", Required = true };
        var version = new Option<string?>("--version", "-v") { Description = "The tenant's current version of the module, checked before anything is copied (default: whatever it is)" };
        var type = new Option<string>("--type")
        {
            Description = "full (all rows), incremental (changes since the newest backup of the module) or schema-only (structure without rows)",
            HelpName = "full|incremental|schema-only",
            DefaultValueFactory = _ => "full",
        };
        type.AcceptOnlyFromAmong("full", "incremental", "schema-only");
        var snapshot = new Option<bool>("--snapshot")
        {
            Description = "Keep it as a snapshot with indexes and constraints built, so that a restore is a near-instant swap (full and schema-only only)",
        };
        var command = new Command("create-backup", "Back up a tenant's module: its tables, rows, indexes and applied migrations, restorable with restore-backup.")
        {
            tenant, module, version, type, snapshot,
        };
        cli.Help.Examples(command,
            "aibos-migrations create-backup -t tenant123 -m accounting -v 1.0.0",
            "aibos-migrations create-backup -t tenant123 -m accounting --type incremental",
            "aibos-migrations create-backup -t tenant123 -m accounting --type schema-only --snapshot --output json");
        cli.Help.ExitCodes(command);

        command.SetEngineAction(cli, async (session, parse, cancellationToken) =>
        {
            var format = parse.GetValue(snapshot) ? BackupFormat.Snapshot : BackupFormat.Copy;
            await session.RecoverAbandonedRunsAsync(cancellationToken);
            var backup = await session.Engine.CreateMigrationBackupAsync(parse.GetValue(tenant)!, parse.GetValue(module)!, parse.GetValue(version),
                BackupKinds.ParseType(parse.GetValue(type)), Environment.UserName, cancellationToken, format);
            if (session.Output.IsJson)
            {
                session.Output.Json(BackupDocument.From(backup));
                return ExitCodes.Success;
            }
            var console = session.Output.Console;
            console.MarkupLine($"[green]Backup {backup.Id}[/]: {Markup.Escape(BackupView.Kind(backup))} of {Markup.Escape($"{backup.Module} {backup.Version}")} for tenant {Markup.Escape(backup.Tenant)}, "
                + $"{backup.Tables.Count} table(s), {Show.Number(BackupDocument.RowsKept(backup))} rows, {Show.Bytes(backup.SizeBytes)}.");
            console.Write(BackupView.Tables(backup));
            console.WriteLine($"Restore it with: aibos-migrations restore-backup -i {backup.Id}");
            return ExitCodes.Success;
        });
        return command;
    }
}
