using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Components.Schedules;

/// <summary>A schedule's run options in a few words, for the tables.</summary>
public static class ScheduleOptions
{
    public static string Describe(MigrationOptions options)
    {
        var backup = options.SkipBackup ? "no backup" : $"{options.BackupType} backup";
        var rollback = options.RollbackOnFailure ? "auto rollback" : "no auto rollback";
        var batches = options.BatchSize is { } size ? $"batches of {size}" : "adaptive batches";
        return $"{backup}, {rollback}, {batches}";
    }
}
