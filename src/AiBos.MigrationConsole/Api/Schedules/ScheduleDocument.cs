using AiBos.MigrationConsole.Api.Runs;
using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Schedules;

/// <summary>
/// A scheduled upgrade as the API shows it: what was asked (the options in the shape <c>POST /schedules</c> takes
/// them), where it stands, and once fired the run it started (<c>runId</c>) or why it started none (<c>message</c>).
/// </summary>
public sealed record ScheduleDocument(
    Guid Id, string Tenant, string Module, string FromVersion, string ToVersion, DateTimeOffset StartAt, DateTimeOffset? WindowEnd,
    string ScheduledBy, DateTimeOffset ScheduledAt, RunOptionsRequest Options, string Status, DateTimeOffset? NextFireTime,
    Guid? RunId, string? RunLocation, string? Message, DateTimeOffset? FiredAt, DateTimeOffset? FinishedAt, string? Node)
{
    public static ScheduleDocument From(UpgradeSchedule schedule)
    {
        var upgrade = schedule.Upgrade;
        return new ScheduleDocument(
            upgrade.Id, upgrade.Tenant, upgrade.Module, upgrade.FromVersion, upgrade.ToVersion, upgrade.RunAt, upgrade.WindowEnd,
            upgrade.ScheduledBy, upgrade.ScheduledAt, OptionsOf(upgrade.Options), schedule.Status, schedule.NextFireTime,
            schedule.RunId, schedule.RunId is { } run ? RunResults.LocationOf(run) : null, schedule.Message, schedule.FiredAt,
            schedule.FinishedAt, schedule.Node);
    }

    private static RunOptionsRequest OptionsOf(MigrationOptions options) => new(
        options.RollbackOnFailure, options.BatchSize, options.PreserveCustomizations, options.FailOnQuarantine,
        options.Timeout is { } timeout ? (int)timeout.TotalSeconds : null,
        options.LockTimeout is { } lockTimeout ? (int)lockTimeout.TotalMilliseconds : null,
        options.SkipBackup, options.SkipBackup ? null : options.BackupType);
}
