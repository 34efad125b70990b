namespace AiBos.Migrations.Rollouts;

/// <summary>The states of a rollout, as stored and shown.</summary>
public static class RolloutStatus
{
    public const string Running = "running";
    /// <summary>Every tenant was tried; the counts tell how each ended (failures below the limit do not stop it).</summary>
    public const string Completed = "completed";
    /// <summary>A canary failed, or failures reached the limit: no further tenant was started.</summary>
    public const string StoppedByFailures = "stopped-by-failures";
    /// <summary>The window ended (<see cref="RolloutPolicy.NotAfter"/>): no further tenant was started.</summary>
    public const string StoppedByWindow = "stopped-by-window";
    /// <summary>Its caller cancelled it: no further tenant was started; running ones finished or rolled back per their policy.</summary>
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Running, Completed, StoppedByFailures, StoppedByWindow, Cancelled];
}
