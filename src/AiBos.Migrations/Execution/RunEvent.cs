namespace AiBos.Migrations.Execution;

/// <summary>
/// A state change of a run or of one of its steps, as written to the catalog and announced with NOTIFY.
/// <see cref="Step"/> is null for run-level changes. <see cref="Done"/>/<see cref="Total"/> count the step's items
/// (migration files, rows, documents); <see cref="StepsDone"/>/<see cref="StepsTotal"/> the run's steps.
/// </summary>
public sealed record RunEvent(
    Guid RunId, string Tenant, string Module, string? Step, string Status,
    int StepsDone, int StepsTotal, long Done, long Total, string? Message, DateTimeOffset At)
{
    /// <summary>Items per second of the running step, when it measures them (the data step's rows).</summary>
    public double? Rate { get; init; }

    /// <summary>Estimated seconds until the running step is done, when it can tell.</summary>
    public double? SecondsLeft { get; init; }

    /// <summary>Overall progress of the run, 0..1: finished steps plus the running step's share of its items.</summary>
    public double Progress
    {
        get
        {
            if (StepsTotal == 0) return 0;
            var running = Step is not null && Status == StepStatus.Running && Total > 0 ? (double)Done / Total : 0;
            return Math.Clamp((StepsDone + running) / StepsTotal, 0, 1);
        }
    }
}
