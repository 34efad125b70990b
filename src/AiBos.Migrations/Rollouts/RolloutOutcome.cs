namespace AiBos.Migrations.Rollouts;

/// <summary>How a rollout ended: the rollout as stored at its end.</summary>
public sealed record RolloutOutcome(Rollout Rollout)
{
    public string Status => Rollout.Status;

    /// <summary>Every targeted tenant completed or was skipped: the only ending a script should take as success.</summary>
    public bool Succeeded => Rollout.Tenants.All(t => RolloutTenantStatus.IsSuccess(t.Status));
}
