using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

public sealed class IncrementalBackupTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task each_point_of_a_full_then_incremental_chain_restores_exactly()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");

        var atFull = await t.SnapshotAsync("acme");
        var full = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
        await t.ExecuteAsync("""
            INSERT INTO tenant_acme.accounts (code, name, settings) VALUES ('INC1', 'First increment', '{"a": 1}');
            UPDATE tenant_acme.accounts SET balance = balance * 2 WHERE id BETWEEN 10 AND 14;
            DELETE FROM tenant_acme.vouchers WHERE id <= 10;
            """);
        var atFirst = await t.SnapshotAsync("acme");
        var first = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Incremental, null, None);
        await t.ExecuteAsync("""
            UPDATE tenant_acme.accounts SET name = 'Changed again', settings = NULL WHERE code = 'INC1';
            DELETE FROM tenant_acme.accounts WHERE id = 40;
            INSERT INTO tenant_acme.vouchers (account_id, amount, memo) VALUES (2, 5, 'second increment');
            """);
        var atSecond = await t.SnapshotAsync("acme");
        var second = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Incremental, null, None);

        Assert.Equal(full.Id, first.ParentId);
        Assert.Equal(first.Id, second.ParentId);
        var firstAccounts = first.Tables.Single(x => x.Name == "accounts");
        Assert.Equal(("incremental", 6L, 5L), (firstAccounts.Storage, firstAccounts.Added, firstAccounts.Removed));
        Assert.True(first.Tables.Sum(x => x.Added + x.Removed) < 30, "An increment holds only the changes, not the 160 rows of the full backup.");

        foreach (var (backup, expected) in new[] { (first, atFirst), (full, atFull), (second, atSecond) })
        {
            await t.ExecuteAsync("DELETE FROM tenant_acme.vouchers WHERE id % 2 = 0; UPDATE tenant_acme.accounts SET name = 'scrambled'");
            Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: true, null, None));
            expected.ShouldEqual(await t.SnapshotAsync("acme"));
        }
    }
}
