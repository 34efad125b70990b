using AiBos.Migrations;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>A run's options, named as the CLI's run options (docs/cli.md, execute-migration); unset ones take the engine's defaults.</summary>
public sealed record RunOptionsRequest(
    bool? RollbackOnFailure = null, int? BatchSize = null, bool? PreserveCustomizations = null, bool? FailOnQuarantine = null,
    int? TimeoutSeconds = null, int? LockTimeoutMs = null, bool? SkipBackup = null, string? BackupType = null)
{
    public MigrationOptions ToOptions(string actor)
    {
        if (SkipBackup == true && BackupType is not null)
            throw new InvalidInputException("skipBackup and backupType contradict each other: give one of them.");
        var defaults = new MigrationOptions();
        return new MigrationOptions
        {
            RollbackOnFailure = RollbackOnFailure ?? defaults.RollbackOnFailure,
            BatchSize = BatchSize,
            PreserveCustomizations = PreserveCustomizations ?? defaults.PreserveCustomizations,
            FailOnQuarantine = FailOnQuarantine ?? defaults.FailOnQuarantine,
            Timeout = TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            LockTimeout = LockTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            SkipBackup = SkipBackup ?? false,
            BackupType = BackupType ?? defaults.BackupType,
            RequestedBy = actor,
        };
    }
}
