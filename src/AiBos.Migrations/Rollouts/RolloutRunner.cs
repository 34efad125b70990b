using System.Collections.Concurrent;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Drives a stored rollout to its end: its pending tenants wave by wave (the canary wave first), at most
/// <see cref="RolloutPolicy.Concurrency"/> at a time. Before starting each tenant it checks, in this order, the
/// caller's cancellation, a canary failure, the failure limit and the window's end; once one holds, no further
/// tenant starts, the running ones finish (or roll back per their run's policy) and the rest are "not-started".
/// </summary>
public sealed class RolloutRunner(
    RolloutTenantUpgrade upgrade, RolloutRecorder recorder, RolloutHeartbeat heartbeat, ActiveRuns active, ILogger<RolloutRunner> logger)
{
    /// <summary>The process driving a rollout (the same identity its runs carry).</summary>
    public string Owner => active.Owner;

    /// <summary>
    /// Drives the rollout that <paramref name="prepare"/> returns. The heartbeat beats from the start, so that preparing
    /// (a resume settling its interrupted tenants, which may wait for their runs' recovery) never looks abandoned.
    /// </summary>
    internal async Task DriveAsync(Guid rolloutId, Func<Task<RolloutRow>> prepare, MigrationOptions options, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RolloutId"] = rolloutId });
        using var stopBeating = new CancellationTokenSource();
        var beating = heartbeat.RunAsync(rolloutId, Owner, stopBeating.Token);
        try
        {
            var rollout = await prepare();
            var state = new DriveState(rollout, cancellationToken);
            var toStart = rollout.Tenants.Count(t => t.Status == RolloutTenantStatus.Pending);
            foreach (var wave in rollout.Tenants.Where(t => t.Status == RolloutTenantStatus.Pending).GroupBy(t => t.Wave!.Value).OrderBy(g => g.Key))
            {
                if (state.StopReason() is not null) break;
                var queue = new ConcurrentQueue<RolloutTenantRow>(wave.OrderBy(t => t.Ordinal));
                var workers = Enumerable.Range(0, Math.Min(rollout.Concurrency, queue.Count)).Select(_ => Task.Run(async () =>
                {
                    while (!queue.IsEmpty && state.StopReason() is null && queue.TryDequeue(out var tenant))
                    {
                        Interlocked.Decrement(ref toStart);
                        var status = await upgrade.RunAsync(rollout, tenant, options, CancellationToken.None);
                        if (RolloutTenantStatus.IsFailure(status)) state.Failed(tenant);
                    }
                }, CancellationToken.None));
                await Task.WhenAll(workers);
            }
            // A stop matters only when it kept a tenant from starting: otherwise every tenant was tried.
            var (status, reason) = toStart > 0 && state.StopReason() is { } stop ? stop : (RolloutStatus.Completed, null);
            await recorder.FinishAsync(rollout.Id, status, reason, CancellationToken.None);
        }
        finally
        {
            await stopBeating.CancelAsync();
            await beating;
        }
    }

    /// <summary>What the workers of one rollout share: the failures so far and the reason to stop, decided once.</summary>
    private sealed class DriveState(RolloutRow rollout, CancellationToken cancelled)
    {
        private readonly Lock _gate = new();
        private int _failures = rollout.Tenants.Count(t => RolloutTenantStatus.IsFailure(t.Status));
        private string? _failedCanary = rollout.Tenants.FirstOrDefault(t => t.Wave == 0 && RolloutTenantStatus.IsFailure(t.Status))?.TenantKey;
        private (string Status, string? Reason)? _stop;

        public void Failed(RolloutTenantRow tenant)
        {
            lock (_gate)
            {
                _failures++;
                if (tenant.Wave == 0) _failedCanary ??= tenant.TenantKey;
            }
        }

        public (string Status, string? Reason)? StopReason()
        {
            lock (_gate)
            {
                return _stop ??= Decide();
            }
        }

        private (string, string?)? Decide()
        {
            if (cancelled.IsCancellationRequested)
                return (RolloutStatus.Cancelled, "The rollout was cancelled; tenants already running were finished.");
            if (_failedCanary is { } canary)
                return (RolloutStatus.StoppedByFailures, $"Canary tenant '{canary}' failed, so no other tenant was started.");
            if (_failures >= rollout.MaxFailures)
                return (RolloutStatus.StoppedByFailures, $"{_failures} tenant(s) failed, reaching the limit of {rollout.MaxFailures}.");
            if (rollout.NotAfter is { } end && DateTimeOffset.UtcNow >= end)
                return (RolloutStatus.StoppedByWindow, $"The window ended at {end.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z.");
            return null;
        }
    }
}
