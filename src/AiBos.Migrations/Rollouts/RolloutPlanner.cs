using AiBos.Migrations.Catalog;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Decides, from each tenant's own schema (the truth, not the catalog's mirror), who is upgraded and in which wave:
/// tenants without the module or already at or after the target are skipped; of the others, in the given order, the
/// first <see cref="RolloutPolicy.Canary"/> form wave 0 and the rest waves of <see cref="RolloutPolicy.WaveSize"/>.
/// </summary>
public sealed class RolloutPlanner(ShardConnections shards)
{
    internal async Task<List<RolloutTenantRow>> PlanAsync(ValidRollout rollout, CancellationToken cancellationToken)
    {
        var rows = new List<RolloutTenantRow>();
        var eligible = 0;
        foreach (var tenant in rollout.Tenants)
        {
            var current = await ReadVersionAsync(tenant, rollout.Module, cancellationToken);
            var row = new RolloutTenantRow { TenantKey = tenant.Key, Ordinal = rows.Count + 1, Status = RolloutTenantStatus.Pending, FromVersion = current.ToString() };
            if (SkipReason(current, rollout.Module, rollout.Target) is { } reason)
                (row.Status, row.Reason, row.FinishedAt) = (RolloutTenantStatus.Skipped, reason, DateTimeOffset.UtcNow);
            else
                row.Wave = WaveOf(eligible++, rollout.Policy);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The module's version on the tenant, read from the tenant's schema.</summary>
    internal async Task<SemanticVersion> ReadVersionAsync(Tenant tenant, string module, CancellationToken cancellationToken)
    {
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        return (await TenantHistory.ReadStateAsync(connection, tenant.Schema, cancellationToken)).VersionOf(module);
    }

    /// <summary>Why a tenant has nothing to do, or null when it is to be upgraded. A rollout never installs and never downgrades.</summary>
    internal static string? SkipReason(SemanticVersion current, string module, SemanticVersion target)
    {
        if (current.IsNone) return $"Module '{module}' is not installed on this tenant.";
        if (current == target) return $"Already at {target}.";
        if (current > target) return $"Already at {current}, after {target} (a rollout never downgrades).";
        return null;
    }

    private static int WaveOf(int index, RolloutPolicy policy) =>
        index < policy.Canary ? 0 : 1 + (index - policy.Canary) / policy.WaveSize;
}
