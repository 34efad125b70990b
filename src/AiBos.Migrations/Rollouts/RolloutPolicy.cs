namespace AiBos.Migrations.Rollouts;

/// <summary>How a rollout paces itself: a canary first, then waves, a concurrency limit, a failure limit and a window's end.</summary>
public sealed record RolloutPolicy
{
    public const int MaxCanary = 100;
    public const int MaxWaveSize = 10_000;
    /// <summary>Each concurrent run holds a tenant connection and a few catalog ones: more would exhaust the pools, not go faster.</summary>
    public const int MaxConcurrency = 32;

    /// <summary>How many tenants are upgraded first, before any other starts; any of them failing stops the rollout. 0: no canary.</summary>
    public int Canary { get; init; } = 1;

    /// <summary>Tenants per wave after the canary; a wave finishes before the next one starts.</summary>
    public int WaveSize { get; init; } = 10;

    /// <summary>At most this many tenants are upgraded at the same time.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>No new tenant is started once this many have failed (the failed ones are rolled back by their own run's policy).</summary>
    public int MaxFailures { get; init; } = 1;

    /// <summary>The maintenance window's end: no tenant is started at or after it (running ones finish).</summary>
    public DateTimeOffset? NotAfter { get; init; }
}
