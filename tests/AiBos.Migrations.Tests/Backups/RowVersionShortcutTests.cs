using System.Text.Json;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

/// <summary>
/// The preview compares only the rows written since the backup, and a snapshot restore trusts the rows the backup
/// wrote. These pin the cases where old row versions could hide a change: they must not.
/// </summary>
public sealed class RowVersionShortcutTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task only_the_rows_written_since_the_backup_are_compared_again()
    {
        await using var t = await StartWithBookkeepingAsync();
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None, BackupFormat.Copy);
        await t.ExecuteAsync("UPDATE tenant_acme.accounts SET balance = balance + 1 WHERE id IN (1, 2); INSERT INTO tenant_acme.accounts (code, name) VALUES ('NEW', 'New')");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(
            await t.ScalarAsync<string>($"SELECT manifest::text FROM aibos.migration_backups WHERE id = '{backup.Id}'"), BackupService.Json)!;
        await using var connection = await t.OpenAsync();

        var since = await RowVersions.UnchangedBeforeAsync(connection, null, "tenant_acme", manifest.Tables.Single(x => x.Name == "accounts"), manifest, None);

        Assert.NotNull(since);
        // The changed rows are among those compared. How many unchanged rows join them depends on the oldest transaction
        // open anywhere on the server at backup time (other tests' too): with none, only these 3.
        Assert.Equal(3L, await t.ScalarAsync<long>(
            $"SELECT count(*) FROM tenant_acme.accounts c WHERE (c.id IN (1, 2) OR c.code = 'NEW') AND {RowVersions.WrittenSince(since.Value, "c")}"));
        var preview = await t.Engine.PreviewRestoreAsync(backup.Id, None);
        Assert.Contains(preview.Tables, p => p is { Table: "accounts", CurrentRows: 41, RowsDiscarded: 3 });
    }

    [Fact]
    public async Task an_older_snapshot_swapped_in_after_the_backup_has_its_differing_rows_counted()
    {
        await using var t = await StartWithBookkeepingAsync();
        var older = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None, BackupFormat.Snapshot);
        await t.ExecuteAsync("UPDATE tenant_acme.accounts SET name = 'Renamed ' || id WHERE id <= 5");
        var newer = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None, BackupFormat.Copy);
        // The swap brings back the older rows, written long before the newer backup, under another table oid.
        Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(older.Id, confirmDiscard: true, null, None));

        var preview = await t.Engine.PreviewRestoreAsync(newer.Id, None);

        Assert.Contains(preview.Tables, p => p is { Table: "accounts", CurrentRows: 40, RowsDiscarded: 5 });
        Assert.Contains(preview.Tables, p => p is { Table: "vouchers", RowsDiscarded: 0 });
    }

    [Fact]
    public async Task a_column_dropped_and_added_again_without_new_row_versions_counts_every_changed_row()
    {
        await using var t = await StartWithBookkeepingAsync();
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None, BackupFormat.Copy);
        var differing = await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.vouchers WHERE memo IS DISTINCT FROM 'reset'");
        // Neither statement rewrites the table: every row keeps its row version, yet its memo is now 'reset'.
        await t.ExecuteAsync("ALTER TABLE tenant_acme.vouchers DROP COLUMN memo; ALTER TABLE tenant_acme.vouchers ADD COLUMN memo text DEFAULT 'reset'");

        var preview = await t.Engine.PreviewRestoreAsync(backup.Id, None);

        Assert.Contains(preview.Tables, p => p.Table == "vouchers" && p.RowsDiscarded == differing);
        Assert.True(differing > 0);
    }

    [Theory]
    [InlineData("UPDATE {0}.vouchers SET amount = amount + 1 WHERE id = 1")]
    [InlineData("DELETE FROM {0}.vouchers WHERE id = 2")]
    [InlineData("DELETE FROM {0}.vouchers WHERE id = 3; INSERT INTO {0}.vouchers (id, number, account_id, amount) VALUES (3, 7777, 1, 1)")]
    public async Task a_snapshot_written_to_after_the_backup_fails_verification_and_leaves_the_tenant_as_it_was(string tampering)
    {
        await using var t = await StartWithBookkeepingAsync();
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None, BackupFormat.Snapshot);
        await t.ExecuteAsync("UPDATE tenant_acme.accounts SET name = 'After the backup' WHERE id = 1");
        var before = await t.SnapshotAsync("acme");
        await t.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, tampering, $"aibos_bk_{backup.Id:N}"));

        var failure = await Assert.ThrowsAnyAsync<MigrationException>(() => t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: true, null, None));

        Assert.Contains("table vouchers", failure.Message, StringComparison.Ordinal);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }

    private async Task<TestEngine> StartWithBookkeepingAsync()
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");
        return t;
    }
}
