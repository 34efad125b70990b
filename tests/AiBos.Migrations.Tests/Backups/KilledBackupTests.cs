using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.Migrations.Tests.Backups;

/// <summary>SIGKILL half-way never leaves a usable half-backup, nor a half-restored tenant.</summary>
[Collection(TimingSensitive.Name)]
public sealed class KilledBackupTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task a_backup_killed_half_way_leaves_no_backup_schema_and_nothing_restorable()
    {
        await using var t = await StartAsync();
        await using var blocker = await LockAsync(t, "LOCK TABLE tenant_acme.vouchers IN ACCESS EXCLUSIVE MODE");

        using var child = ChildEngine.Start(t, "backup", "acme", "bookkeeping");
        await WaitForBlockedAsync(t, child);
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        await blocker.DisposeAsync();

        var backupId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.migration_backups");
        Assert.Equal(BackupStatus.Creating, await t.ScalarAsync<string>("SELECT status FROM aibos.migration_backups"));
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_bk_%'") == 0,
            TimeSpan.FromSeconds(10), "the killed backup's transaction is gone");
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RestoreBackupAsync(backupId, true, null, None));
        // Cleanup marks it failed once it is clearly abandoned.
        await t.ExecuteAsync("UPDATE aibos.migration_backups SET created_at = now() - interval '2 hours'");
        Assert.Contains(backupId, (await t.Engine.CleanupExpiredBackupsAsync(None)).MarkedFailed);
    }

    [Fact]
    public async Task a_restore_killed_half_way_leaves_the_tenant_exactly_as_before_the_restore()
    {
        await using var t = await StartAsync();
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
        await t.ExecuteAsync("DELETE FROM tenant_acme.vouchers WHERE id > 100; UPDATE tenant_acme.accounts SET name = 'changed'");
        var beforeRestore = await t.SnapshotAsync("acme");
        // A reader keeps ACCESS SHARE: the restore builds its replacement, then waits to drop the old table.
        await using var blocker = await LockAsync(t, "SELECT count(*) FROM tenant_acme.vouchers");

        using var child = ChildEngine.Start(t, "restore", backup.Id.ToString());
        await WaitForBlockedAsync(t, child);
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        await blocker.DisposeAsync();

        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_rs_%'") == 0,
            TimeSpan.FromSeconds(10), "the killed restore's transaction is gone");
        beforeRestore.ShouldEqual(await t.SnapshotAsync("acme"));
        // The backup is intact and a later restore works.
        Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, true, null, None));
    }

    private async Task<TestEngine> StartAsync()
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");
        return t;
    }

    /// <summary>Keeps a transaction open holding the lock <paramref name="sql"/> takes, so that the child waits inside its own transaction.</summary>
    private static async Task<NpgsqlConnection> LockAsync(TestEngine t, string sql)
    {
        var connection = await t.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; {sql}", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static Task WaitForBlockedAsync(TestEngine t, System.Diagnostics.Process child) =>
        TestEngine.WaitUntilAsync(async () => child.HasExited ? throw new InvalidOperationException("The child ended early: " + await child.StandardOutput.ReadToEndAsync() + await child.StandardError.ReadToEndAsync()) : await t.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name = 'aibos-migrations' AND backend_xid IS NOT NULL
            """) > 0, TimeSpan.FromSeconds(30), "the child waits for the table lock inside its transaction");
}
