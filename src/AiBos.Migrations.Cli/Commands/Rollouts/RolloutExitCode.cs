using AiBos.Migrations.Cli.Output;
using AiBos.Migrations.Rollouts;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>
/// The exit code of start-rollout and resume-rollout, from the codes of <see cref="ExitCodes"/>: 0 only when every targeted
/// tenant completed or was skipped; otherwise the most pressing thing to look at.
/// </summary>
public static class RolloutExitCode
{
    public static int For(RolloutOutcome outcome)
    {
        if (outcome.Succeeded) return ExitCodes.Success;
        if (outcome.Status == RolloutStatus.Cancelled) return ExitCodes.Cancelled;
        var statuses = outcome.Rollout.Tenants.Select(t => t.Status).ToList();
        if (statuses.Contains(RolloutTenantStatus.NeedsOperator)) return ExitCodes.NeedsOperator;
        if (statuses.Any(RolloutTenantStatus.IsFailure)) return ExitCodes.RunFailed;
        if (statuses.Contains(RolloutTenantStatus.Busy)) return ExitCodes.TenantBusy;
        return ExitCodes.RunFailed; // stopped by the window's end: tenants were not upgraded
    }
}
