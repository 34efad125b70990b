namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// A scheduled upgrade and where it stands. A pending one has its next fire time; a fired one has its outcome, the
/// run it started (if any) and, in <paramref name="Message"/>, why it ended as it did.
/// </summary>
/// <param name="Status">One of <see cref="ScheduleStatus"/>.</param>
/// <param name="Node">The console node (Quartz instance id) that fired it.</param>
public sealed record UpgradeSchedule(
    ScheduledUpgrade Upgrade, string Status, DateTimeOffset? NextFireTime = null, Guid? RunId = null, string? Message = null,
    DateTimeOffset? FiredAt = null, DateTimeOffset? FinishedAt = null, string? Node = null)
{
    public Guid Id => Upgrade.Id;
}
