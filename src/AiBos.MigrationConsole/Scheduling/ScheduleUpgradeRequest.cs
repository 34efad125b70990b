using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// "Run <paramref name="Module"/> <paramref name="FromVersion"/> -> <paramref name="ToVersion"/> for tenant
/// <paramref name="Tenant"/> at <paramref name="RunAt"/>, not after <paramref name="WindowEnd"/>."
/// </summary>
/// <param name="WindowEnd">
/// The end of the maintenance window: if the schedule fires later (every node was down), the upgrade does not start
/// and is recorded as missed. Without it a late schedule still runs.
/// </param>
/// <param name="ScheduledBy">Who asks; the run is requested by <c>scheduler:&lt;who&gt;</c>.</param>
/// <param name="Options">The run's options, as for an immediate run; <c>RequestedBy</c> is set by the scheduler.</param>
public sealed record ScheduleUpgradeRequest(
    string Tenant, string Module, string FromVersion, string ToVersion, DateTimeOffset RunAt, DateTimeOffset? WindowEnd,
    string ScheduledBy, MigrationOptions? Options = null);
