using System.Globalization;
using AiBos.Migrations.Execution;
using Paths = AiBos.Migrations.Execution.RollbackPath;

namespace AiBos.MigrationConsole.Components.Shared;

/// <summary>How times, sizes and rates read in the dashboard.</summary>
public static class Formats
{
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalSeconds: < 1 } s => $"{s.TotalMilliseconds:N0} ms",
        { TotalMinutes: < 1 } s => $"{s.TotalSeconds:N1} s",
        { TotalHours: < 1 } s => $"{(int)s.TotalMinutes} min {s.Seconds} s",
        { } s => $"{(int)s.TotalHours} h {s.Minutes} min",
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:N1} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):N1} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):N2} GB",
    };

    public static string Percent(double? share) => share is { } s ? $"{s * 100:N1} %" : "—";

    public static string RollbackPath(string? path) => path switch
    {
        Paths.DownSql => "down SQL",
        Paths.BackupRestore => "restored from the run's backup",
        Paths.Nothing => "nothing to undo",
        null => "—",
        _ => path,
    };

    public static string Kind(string kind) => kind switch
    {
        RunKind.Upgrade => "Upgrade",
        RunKind.Downgrade => "Downgrade",
        RunKind.Install => "Install",
        RunKind.Rollback => "Rollback",
        _ => kind,
    };
}
