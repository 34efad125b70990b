namespace AiBos.Migrations.Statistics;

/// <summary>Migration statistics, optionally for one module: by module, by module version, and by step.</summary>
public sealed record MigrationStatisticsReport(
    string? Module, DateTimeOffset GeneratedAt, IReadOnlyList<ModuleStatistics> Modules,
    IReadOnlyList<VersionStatistics> Versions, IReadOnlyList<StepStatistics> Steps);
