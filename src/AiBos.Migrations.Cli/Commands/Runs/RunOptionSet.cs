using System.CommandLine;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>
/// The options of a run (the seed's executeModuleMigration options), shared by execute-migration and install-module.
/// The backup options only where a run can take a backup (not install-module: nothing is installed yet).
/// </summary>
public sealed class RunOptionSet(bool backupOptions = true)
{
    private readonly Option<bool> _rollbackOnFailure = new("--rollback-on-failure")
    {
        Description = "Roll back automatically when a step, a validation or the deadline fails (the default; '--rollback-on-failure false' is --no-rollback)",
        DefaultValueFactory = _ => true,
    };

    private readonly Option<bool> _noRollback = new("--no-rollback") { Description = "Leave a failed run as it is (status failed) for an operator to inspect and roll back" };
    private readonly Option<int?> _batchSize = new("--batch-size") { Description = "Rows per batch in the data step (default 1000)" };
    private readonly Option<int?> _timeout = new("--timeout") { Description = "The run's deadline in seconds; past it the run is rolled back", HelpName = "seconds" };
    private readonly Option<int?> _lockTimeout = new("--lock-timeout") { Description = "How long each statement may wait for a table lock before retrying", HelpName = "ms" };

    private readonly Option<bool> _preserveCustomizations = new("--preserve-customizations")
    {
        Description = "Adapt the tenant's customizations to the new version (the default; 'false' skips it)",
        DefaultValueFactory = _ => true,
    };

    private readonly Option<bool> _failOnQuarantine = new("--fail-on-quarantine")
    {
        Description = "Fail (and roll back) the run when a customization cannot be adapted, instead of quarantining it and going on",
    };

    private readonly Option<bool> _noBackup = new("--no-backup")
    {
        Description = "Skip the backup the run starts with (a rollback can then only use down SQL)",
    };

    private readonly Option<string?> _backupType = CreateBackupType();

    private static Option<string?> CreateBackupType()
    {
        var option = new Option<string?>("--backup-type")
        {
            Description = "The type of the backup the run starts with (default full)",
            HelpName = "full|incremental|schema-only",
        };
        option.AcceptOnlyFromAmong("full", "incremental", "schema-only");
        return option;
    }

    public void AddTo(Command command)
    {
        if (backupOptions)
        {
            command.Options.Add(_noBackup);
            command.Options.Add(_backupType);
        }
        command.Options.Add(_rollbackOnFailure);
        command.Options.Add(_noRollback);
        command.Options.Add(_batchSize);
        command.Options.Add(_timeout);
        command.Options.Add(_lockTimeout);
        command.Options.Add(_preserveCustomizations);
        command.Options.Add(_failOnQuarantine);
    }

    public MigrationOptions Bind(ParseResult parse)
    {
        var noRollback = parse.GetValue(_noRollback);
        if (noRollback && parse.GetResult(_rollbackOnFailure) is { Implicit: false } && parse.GetValue(_rollbackOnFailure))
            throw new InvalidInputException("--rollback-on-failure and --no-rollback contradict each other: give one of them.");
        var options = new MigrationOptions
        {
            RollbackOnFailure = !noRollback && parse.GetValue(_rollbackOnFailure),
            PreserveCustomizations = parse.GetValue(_preserveCustomizations),
            FailOnQuarantine = parse.GetValue(_failOnQuarantine),
            Timeout = parse.GetValue(_timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            LockTimeout = parse.GetValue(_lockTimeout) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            RequestedBy = Environment.UserName,
        };
        if (backupOptions)
        {
            var backupType = parse.GetValue(_backupType);
            if (parse.GetValue(_noBackup) && backupType is not null)
                throw new InvalidInputException("--no-backup and --backup-type contradict each other: give one of them.");
            options = options with { SkipBackup = parse.GetValue(_noBackup), BackupType = backupType ?? options.BackupType };
        }
        return parse.GetValue(_batchSize) is { } batch ? options with { BatchSize = batch } : options;
    }
}
