namespace AiBos.Migrations.Rollouts;

/// <summary>
/// How a rollout's runs are recognised: their <c>requested_by</c> names the actor and the rollout, so that the run list
/// says why a run happened and a rollout whose process died finds the run each interrupted tenant was in.
/// </summary>
internal static class RolloutRuns
{
    public static string RequestedBy(string actor, Guid rolloutId) => $"{actor} (rollout {rolloutId})";

    public static string RequestedByPattern(Guid rolloutId) => $"% (rollout {rolloutId})";
}
