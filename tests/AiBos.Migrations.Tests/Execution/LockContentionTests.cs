using System.Diagnostics;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.Migrations.Tests.Execution;

/// <summary>A busy table delays an upgrade instead of blocking the tenant's own traffic behind it.</summary>
[Collection(TimingSensitive.Name)]
public sealed class LockContentionTests(PostgresServer server)
{
    private static readonly MigrationOptions ShortLockTimeout = new() { LockTimeout = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task a_table_locked_for_two_seconds_delays_the_run_which_retries_and_completes()
    {
        await using var t = await TestEngine.StartAsync(server);
        await PrepareAsync(t);
        var holder = HoldLockAsync(t, "LOCK TABLE tenant_acme.financial_reports IN ACCESS EXCLUSIVE MODE", TimeSpan.FromSeconds(2));
        await holder.Locked;

        var watch = Stopwatch.StartNew();
        var outcome = await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0", ShortLockTimeout);

        Assert.IsType<Completed>(outcome);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.2), $"The run finished in {watch.Elapsed}: it cannot have waited for the lock.");
        await holder.Released;
    }

    [Fact]
    public async Task readers_never_wait_longer_than_the_lock_timeout_while_the_run_waits_for_a_lock()
    {
        await using var t = await TestEngine.StartAsync(server);
        await PrepareAsync(t);
        // A long reader holds ACCESS SHARE: the upgrade's ALTER TABLE must wait, and every new reader would queue
        // behind that ALTER for as long as it waits. The lock timeout bounds that queueing.
        var holder = HoldLockAsync(t, "SELECT count(*) FROM tenant_acme.financial_reports", TimeSpan.FromSeconds(3));
        await holder.Locked;
        using var stop = new CancellationTokenSource();
        var reader = MeasureReadersAsync(t, stop.Token);

        var outcome = await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0", ShortLockTimeout);
        await stop.CancelAsync();
        var (reads, longestWait) = await reader;

        Assert.IsType<Completed>(outcome);
        Assert.True(reads > 10, $"Only {reads} reads ran during the upgrade.");
        Assert.True(longestWait < TimeSpan.FromMilliseconds(500 + 700), $"A reader waited {longestWait.TotalMilliseconds:0} ms, more than the 500 ms lock timeout plus margin.");
        await holder.Released;
    }

    [Fact]
    public async Task a_lock_held_past_the_run_deadline_rolls_the_run_back_cleanly()
    {
        await using var t = await TestEngine.StartAsync(server);
        await PrepareAsync(t);
        var before = await t.SnapshotAsync("acme");
        // 1.1.0's ledger_entries change goes through; 2.0.0's financial_reports change waits past the deadline.
        var holder = HoldLockAsync(t, "LOCK TABLE tenant_acme.financial_reports IN ACCESS EXCLUSIVE MODE", TimeSpan.FromSeconds(6));
        await holder.Locked;

        var outcome = await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0", ShortLockTimeout with { Timeout = TimeSpan.FromSeconds(2) });

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Contains("timeout", rolledBack.Reason);
        await holder.Released;
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(RunStatus.RolledBack, (await t.Engine.GetMigrationAsync(rolledBack.RunId, CancellationToken.None)).Status);
    }

    private static async Task PrepareAsync(TestEngine t)
    {
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("acme", "accounting");
    }

    private sealed record Holder(Task Locked, Task Released);

    /// <summary>Runs <paramref name="sql"/> in a transaction on its own connection and keeps it open for <paramref name="duration"/>.</summary>
    private static Holder HoldLockAsync(TestEngine t, string sql, TimeSpan duration)
    {
        var locked = new TaskCompletionSource();
        var released = Task.Run(async () =>
        {
            await using var connection = await t.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
                await command.ExecuteNonQueryAsync();
            locked.SetResult();
            await Task.Delay(duration);
            await transaction.CommitAsync();
        });
        return new Holder(Task.WhenAny(locked.Task, released).Unwrap(), released);
    }

    private static async Task<(int Reads, TimeSpan LongestWait)> MeasureReadersAsync(TestEngine t, CancellationToken stop)
    {
        await using var connection = await t.OpenAsync();
        var reads = 0;
        var longest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await using (var command = new NpgsqlCommand("SELECT count(*) FROM tenant_acme.financial_reports", connection))
                await command.ExecuteScalarAsync(CancellationToken.None);
            longest = watch.Elapsed > longest ? watch.Elapsed : longest;
            reads++;
            await Task.Delay(25, CancellationToken.None);
        }
        return (reads, longest);
    }
}
