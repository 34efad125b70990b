namespace AiBos.Migrations.Statistics;

/// <summary>All runs of one module, with how often operators rolled a run back by hand.</summary>
public sealed record ModuleStatistics(
    string Module, int Runs, int Completed, int RolledBack, int Failed, int NeedsOperator, int Active,
    double? AverageSeconds, int ManualRollbacks)
{
    public int Finished => Completed + RolledBack + Failed + NeedsOperator;
    public double? SuccessRate => Rate.Of(Completed, Finished);
    public double? RollbackRate => Rate.Of(RolledBack, Finished);

    internal static ModuleStatistics Of(string module, IReadOnlyList<VersionStatistics> versions, int manualRollbacks)
    {
        var completed = versions.Sum(v => v.Completed);
        var timed = versions.Where(v => v.AverageSeconds is not null).ToList();
        // The module's average is the versions' averages weighted by their completed runs.
        double? average = timed.Count == 0 ? null : timed.Sum(v => v.AverageSeconds!.Value * v.Completed) / Math.Max(1, timed.Sum(v => v.Completed));
        return new ModuleStatistics(module, versions.Sum(v => v.Runs), completed, versions.Sum(v => v.RolledBack),
            versions.Sum(v => v.Failed), versions.Sum(v => v.NeedsOperator), versions.Sum(v => v.Active), average, manualRollbacks);
    }
}
