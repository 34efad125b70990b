using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

public sealed class RetentionTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task cleanup_deletes_exactly_the_expired_backups_that_nothing_needs()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        var oldManual = await t.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, null, None);
        var older = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "1.1.0"));
        var latest = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.1.0", "2.0.0"));
        var parent = await t.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, null, None);
        var child = await t.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Incremental, null, None);
        var fresh = await t.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, null, None);
        var backups = await t.Engine.ListBackupsAsync("acme", "accounting", None);
        var olderRunBackup = backups.Single(b => b.RunId == older.RunId);
        var latestRunBackup = backups.Single(b => b.RunId == latest.RunId);
        // Everything but the fresh backup and the incremental child is past its expiry.
        await t.ExecuteAsync($"""
            UPDATE aibos.migration_backups SET expires_at = now() - interval '1 day'
            WHERE id IN ('{oldManual.Id}', '{olderRunBackup.Id}', '{latestRunBackup.Id}', '{parent.Id}')
            """);

        var result = await t.Engine.CleanupExpiredBackupsAsync(None);

        Assert.Equal(new[] { oldManual.Id, olderRunBackup.Id }.Order(), result.Deleted.Order());
        Assert.Contains(result.Kept, k => k.Backup == latestRunBackup.Id && k.Reason.Contains("can still be rolled back", StringComparison.Ordinal));
        Assert.Contains(result.Kept, k => k.Backup == parent.Id && k.Reason.Contains(child.Id.ToString(), StringComparison.Ordinal));
        var remaining = (await t.Engine.ListBackupsAsync("acme", "accounting", None)).Select(b => b.Id).Order();
        Assert.Equal(new[] { latestRunBackup.Id, parent.Id, child.Id, fresh.Id }.Order(), remaining);
        Assert.Equal(0L, await t.ScalarAsync<long>($"SELECT count(*) FROM pg_namespace WHERE nspname IN ('aibos_bk_{oldManual.Id:N}', 'aibos_bk_{olderRunBackup.Id:N}')"));
        Assert.Equal(4L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_bk_%'"));

        // Once the latest run is rolled back, nothing needs its backup any more.
        Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(latest.RunId, null, None));
        Assert.Contains(latestRunBackup.Id, (await t.Engine.CleanupExpiredBackupsAsync(None)).Deleted);
        Assert.Equal(RunStatus.RolledBack, (await t.Engine.GetMigrationAsync(latest.RunId, None)).Status);
    }
}
