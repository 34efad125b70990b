using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

/// <summary>
/// The preview counts exactly the rows a restore would discard (current rows the backup does not hold, as a multiset),
/// whether it can pair rows by primary key or has to compare every row's text.
/// </summary>
public sealed class RestorePreviewTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Changes = """
        SET search_path TO tenant_acme;
        INSERT INTO accounts (code, name) VALUES ('NEW1', 'New account');
        UPDATE accounts SET balance = balance + 1 WHERE id <= 5;
        DELETE FROM vouchers WHERE id % 7 = 0;
        UPDATE vouchers SET memo = 'edited' WHERE id IN (1, 2, 3);
        ALTER TABLE vouchers ADD COLUMN approved boolean DEFAULT false;
        RESET search_path;
        """;

    // Without a usable key (the primary key dropped, a column's type changed, a duplicate row): rows are compared as text.
    private const string WithoutKey = """
        SET search_path TO tenant_acme;
        ALTER TABLE vouchers DROP CONSTRAINT vouchers_pkey;
        DROP INDEX uq_vouchers_number;
        ALTER TABLE vouchers ALTER COLUMN memo TYPE varchar(200);
        INSERT INTO vouchers (id, number, account_id, amount, memo) SELECT id, number, account_id, amount, memo FROM vouchers WHERE id = 4;
        RESET search_path;
        """;

    [Theory]
    [InlineData(BackupFormat.Copy, BackupType.Full, false, 3)]
    [InlineData(BackupFormat.Copy, BackupType.Full, true, 4)]
    [InlineData(BackupFormat.Snapshot, BackupType.Full, false, 3)]
    [InlineData(BackupFormat.Snapshot, BackupType.Full, true, 4)]
    [InlineData(BackupFormat.Copy, BackupType.Incremental, false, 3)]
    [InlineData(BackupFormat.Copy, BackupType.Incremental, true, 4)]
    public async Task the_preview_counts_new_and_changed_rows_but_not_deleted_ones(BackupFormat format, BackupType type, bool withoutKey, long vouchersDiscarded)
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");
        if (type == BackupType.Incremental)
        {
            await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
            await t.ExecuteAsync("UPDATE tenant_acme.accounts SET name = 'In the increment' WHERE id = 10; DELETE FROM tenant_acme.vouchers WHERE id = 5");
        }
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, type, null, None, format);
        await t.ExecuteAsync(Changes);
        if (withoutKey) await t.ExecuteAsync(WithoutKey);

        var preview = await t.Engine.PreviewRestoreAsync(backup.Id, None);

        Assert.Contains(preview.Tables, p => p is { Table: "accounts", BackupRows: 40, RowsDiscarded: 6 });
        Assert.Contains(preview.Tables, p => p.Table == "vouchers" && p.RowsDiscarded == vouchersDiscarded);
        Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: true, null, None));
    }

    [Fact]
    public async Task a_row_committed_after_the_preview_stops_the_restore_instead_of_being_discarded_unseen()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
        // The tenant's application writes a row that is not committed yet when the restore previews (nothing to discard).
        await using var application = await t.OpenAsync();
        await using var writing = await application.BeginTransactionAsync(None);
        await using (var insert = new Npgsql.NpgsqlCommand("INSERT INTO tenant_acme.accounts (code, name) VALUES ('LATE', 'Written during the restore')", application, writing))
            await insert.ExecuteNonQueryAsync(None);

        var restoring = t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: false, null, None);
        await TestEngine.WaitUntilAsync(async () => restoring.IsCompleted || await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND mode = 'AccessExclusiveLock' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0,
            TimeSpan.FromSeconds(30), "the restore waits for the module's tables");
        await writing.CommitAsync(None);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => restoring);
        Assert.Contains("1 more row(s) of bookkeeping were written after the restore's preview", refused.Message);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.accounts WHERE code = 'LATE'"));
    }

    [Fact]
    public async Task a_confirmed_restore_reports_the_rows_it_discarded_as_counted_under_its_lock_not_the_older_preview()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("Fidelity", "bookkeeping");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "bookkeeping", "1.0.0");
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
        await t.ExecuteAsync("INSERT INTO tenant_acme.accounts (code, name) VALUES ('NEW1', 'First'), ('NEW2', 'Second')");
        // The application deletes one of the two new rows while the restore waits for the module's tables.
        await using var application = await t.OpenAsync();
        await using var writing = await application.BeginTransactionAsync(None);
        await using (var delete = new Npgsql.NpgsqlCommand("DELETE FROM tenant_acme.accounts WHERE code = 'NEW2'", application, writing))
            await delete.ExecuteNonQueryAsync(None);

        var restoring = t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: true, null, None);
        await TestEngine.WaitUntilAsync(async () => restoring.IsCompleted || await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND mode = 'AccessExclusiveLock' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0,
            TimeSpan.FromSeconds(30), "the restore waits for the module's tables");
        await writing.CommitAsync(None);

        var restored = Assert.IsType<Restored>(await restoring);
        Assert.Equal(1, restored.Preview.RowsDiscarded);
        Assert.Contains(restored.Preview.Tables, p => p is { Table: "accounts", RowsDiscarded: 1 });
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.accounts WHERE code LIKE 'NEW%'"));
    }
}
