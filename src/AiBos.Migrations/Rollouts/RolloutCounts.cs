namespace AiBos.Migrations.Rollouts;

/// <summary>How many of a rollout's tenants are in each state. <see cref="Failed"/> counts every failure (rolled back, failed, needs an operator, rejected).</summary>
public sealed record RolloutCounts(int Total, int Pending, int Running, int Completed, int Failed, int Skipped, int Busy, int NotStarted)
{
    public static RolloutCounts Of(IEnumerable<string> statuses)
    {
        var list = statuses.ToList();
        int Count(string status) => list.Count(s => s == status);
        return new RolloutCounts(list.Count, Count(RolloutTenantStatus.Pending), Count(RolloutTenantStatus.Running), Count(RolloutTenantStatus.Completed),
            list.Count(RolloutTenantStatus.IsFailure), Count(RolloutTenantStatus.Skipped), Count(RolloutTenantStatus.Busy), Count(RolloutTenantStatus.NotStarted));
    }
}
