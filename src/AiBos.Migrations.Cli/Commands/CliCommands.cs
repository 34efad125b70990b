using System.CommandLine;
using AiBos.Migrations.Cli.Commands.Alerts;
using AiBos.Migrations.Cli.Commands.Backups;
using AiBos.Migrations.Cli.Commands.Customizations;
using AiBos.Migrations.Cli.Commands.DataTransforms;
using AiBos.Migrations.Cli.Commands.Registry;
using AiBos.Migrations.Cli.Commands.Rollouts;
using AiBos.Migrations.Cli.Commands.Runs;
using AiBos.Migrations.Cli.Commands.Statistics;
using AiBos.Migrations.Cli.Commands.Tenants;
using AiBos.Migrations.Cli.Commands.Validation;

namespace AiBos.Migrations.Cli.Commands;

/// <summary>The command tree of aibos-migrations. Each command lives in its own file in its feature folder.</summary>
public sealed class CliCommands
{
    public const string ToolName = "aibos-migrations";

    private CliCommands(RootCommand root, GlobalOptions globals)
    {
        Root = root;
        Globals = globals;
    }

    public RootCommand Root { get; }
    public GlobalOptions Globals { get; }

    public static CliCommands Create(CliEnvironment environment)
    {
        var globals = new GlobalOptions();
        var help = new CommandHelp();
        var cli = new CliContext(environment, globals, help);
        var root = new RootCommand("Safe, versioned upgrades of module data for every tenant: register migrations, run them with automatic rollback, watch and report.")
        {
            HelpName = ToolName,
        };
        globals.AddTo(root);
        Command[] commands =
        [
            RegisterSchemaMigrationCommand.Create(cli),
            RegisterModuleCommand.Create(cli),
            ListModulesCommand.Create(cli),
            ListDataRulesCommand.Create(cli),
            AddShardCommand.Create(cli),
            AddTenantCommand.Create(cli),
            ListTenantsCommand.Create(cli),
            InstallModuleCommand.Create(cli),
            ExecuteMigrationCommand.Create(cli),
            ResumeMigrationCommand.Create(cli),
            RollbackMigrationCommand.Create(cli),
            ListMigrationsCommand.Create(cli),
            ShowMigrationCommand.Create(cli),
            WatchCommand.Create(cli),
            RecoverCommand.Create(cli),
            MigrationStatisticsCommand.Create(cli),
            CreateBackupCommand.Create(cli),
            RestoreBackupCommand.Create(cli),
            ListBackupsCommand.Create(cli),
            ShowBackupCommand.Create(cli),
            CleanupBackupsCommand.Create(cli),
            CreateRollbackPointCommand.Create(cli),
            RestoreRollbackPointCommand.Create(cli),
            ListRollbackPointsCommand.Create(cli),
            ValidateMigrationCommand.Create(cli),
            ListCustomizationsCommand.Create(cli),
            SaveCustomizationCommand.Create(cli),
            ListQuarantinedCommand.Create(cli),
            ReleaseCustomizationCommand.Create(cli),
            DiscardCustomizationCommand.Create(cli),
            SetupAlertsCommand.Create(cli),
            ListAlertsCommand.Create(cli),
            StartRolloutCommand.Create(cli),
            ResumeRolloutCommand.Create(cli),
            ListRolloutsCommand.Create(cli),
            ShowRolloutCommand.Create(cli),
        ];
        foreach (var command in commands) root.Subcommands.Add(command);
        help.Examples(root,
            $"{ToolName} register-module samples/modules/accounting",
            $"{ToolName} add-tenant -t tenant123 --name \"Tenant 123\"",
            $"{ToolName} install-module -t tenant123 -m accounting -v 1.0.0",
            $"{ToolName} validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rehearse",
            $"{ToolName} execute-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rollback-on-failure",
            $"{ToolName} list-migrations -m accounting -s failed --output json",
            $"{ToolName} create-backup -t tenant123 -m accounting -v 1.0.0",
            $"{ToolName} restore-backup -i <backup-id> --yes");
        help.ExitCodes(root);
        help.InstallOn(root, environment.IsTerminal);
        return new CliCommands(root, globals);
    }
}
