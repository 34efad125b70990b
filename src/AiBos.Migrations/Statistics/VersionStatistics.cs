namespace AiBos.Migrations.Statistics;

/// <summary>
/// The runs to one version of a module (installs, upgrades and downgrades; manual rollbacks are counted apart).
/// Rates are over finished runs and null while none has finished; times are of completed runs, in seconds.
/// </summary>
public sealed record VersionStatistics(
    string Module, string Version, int Runs, int Completed, int RolledBack, int Failed, int NeedsOperator, int Active,
    double? AverageSeconds, double? MaxSeconds)
{
    public int Finished => Completed + RolledBack + Failed + NeedsOperator;
    public double? SuccessRate => Rate.Of(Completed, Finished);
    public double? RollbackRate => Rate.Of(RolledBack, Finished);
}
