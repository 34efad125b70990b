namespace AiBos.MigrationConsole.Components.Overview;

/// <summary>The overview's headline numbers.</summary>
public sealed record OverviewCounts(int Tenants, int Modules, int RunsToday, int RunningNow, int FailedOrRolledBackLastWeek);
