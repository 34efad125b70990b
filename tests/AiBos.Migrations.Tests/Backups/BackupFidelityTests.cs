using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

/// <summary>A restore reproduces the module exactly: structure, rows, sequence positions.</summary>
public sealed class BackupFidelityTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Changes = """
        SET search_path TO tenant_acme;
        INSERT INTO accounts (code, name, settings) VALUES ('NEW1', 'New account', '{"x": [1, 2]}');
        UPDATE accounts SET balance = balance + 1, tags = ARRAY['changed'] WHERE id <= 5;
        DELETE FROM vouchers WHERE id % 7 = 0;
        ALTER TABLE vouchers ADD COLUMN approved boolean DEFAULT false;
        DROP INDEX idx_accounts_nonzero;
        CREATE INDEX idx_vouchers_memo ON vouchers (memo);
        DROP VIEW account_totals;
        SELECT setval('voucher_numbers', 99999);
        RESET search_path;
        """;

    [Theory]
    [InlineData(BackupFormat.Copy)]
    [InlineData(BackupFormat.Snapshot)]
    public async Task backup_then_changes_then_restore_reproduces_structure_rows_and_sequences(BackupFormat format)
    {
        await using var t = await StartWithBookkeepingAsync();
        var original = await t.SnapshotAsync("acme");
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", "1.0.0", BackupType.Full, "support-sam", None, format);
        Assert.Equal(["accounts", "vouchers"], backup.Tables.Select(x => x.Name).Order());
        Assert.Equal(40, backup.Tables.Single(x => x.Name == "accounts").Rows);
        await t.ExecuteAsync(Changes);

        var refused = Assert.IsType<RestoreNeedsConfirmation>(await t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: false, "support-sam", None));
        Assert.True(refused.Preview.RowsDiscarded > 0);
        Assert.Contains(refused.Preview.Tables, p => p is { Table: "accounts", CurrentRows: 41, BackupRows: 40 });
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.accounts WHERE code = 'NEW1'")); // nothing changed

        var restored = Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: true, "support-sam", None));

        original.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Contains(restored.Verified, v => v.StartsWith("structure fingerprint", StringComparison.Ordinal));
        Assert.Contains(restored.Verified, v => v.StartsWith("table vouchers: 120 rows", StringComparison.Ordinal));
        // Identity, serial and standalone sequences continue where they were: new rows do not conflict.
        await t.ExecuteAsync("""
            INSERT INTO tenant_acme.accounts (code, name) VALUES ('AFTER', 'After restore');
            INSERT INTO tenant_acme.vouchers (account_id, amount) VALUES (1, 9.99);
            """);
        Assert.Equal(41L, await t.ScalarAsync<long>("SELECT id FROM tenant_acme.accounts WHERE code = 'AFTER'"));
        Assert.Equal(1600, await t.ScalarAsync<int>("SELECT number FROM tenant_acme.vouchers ORDER BY id DESC LIMIT 1"));
        Assert.Equal(121, await t.ScalarAsync<int>("SELECT id FROM tenant_acme.vouchers ORDER BY id DESC LIMIT 1"));
        // The trigger works, and the view answers.
        await t.ExecuteAsync("UPDATE tenant_acme.accounts SET name = 'Renamed' WHERE code = 'A1'");
        Assert.True(await t.ScalarAsync<bool>("SELECT updated_at IS NOT NULL FROM tenant_acme.accounts WHERE code = 'A1'"));
        Assert.Equal(41L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.account_totals"));
        Assert.Equal(format == BackupFormat.Snapshot ? BackupStatus.Consumed : BackupStatus.Ready, (await t.Get<BackupService>().GetBackupAsync(backup.Id, None)).Status);
    }

    [Fact]
    public async Task a_restore_with_nothing_changed_needs_no_confirmation()
    {
        await using var t = await StartWithBookkeepingAsync();
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);

        var preview = await t.Engine.PreviewRestoreAsync(backup.Id, None);
        var outcome = await t.Engine.RestoreBackupAsync(backup.Id, confirmDiscard: false, null, None);

        Assert.Equal(0, preview.RowsDiscarded);
        Assert.IsType<Restored>(outcome);
    }

    [Fact]
    public async Task a_schema_only_backup_restores_the_structure_without_rows_after_confirmation()
    {
        await using var t = await StartWithBookkeepingAsync();
        var original = await t.SnapshotAsync("acme");
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.SchemaOnly, null, None);
        await t.ExecuteAsync(Changes);

        var refused = Assert.IsType<RestoreNeedsConfirmation>(await t.Engine.RestoreBackupAsync(backup.Id, false, null, None));
        Assert.Equal(41 + 120 - 17, refused.Preview.RowsDiscarded);
        Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, true, null, None));

        Assert.Empty(original.Schema.Diff((await t.SnapshotAsync("acme")).Schema));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.accounts"));
    }

    [Fact]
    public async Task a_backup_of_tenant_a_never_reads_or_writes_tenant_b()
    {
        await using var t = await StartWithBookkeepingAsync();
        await t.CreateTenantAsync("other");
        await t.InstallAsync("other", "bookkeeping", "1.0.0");
        await t.ExecuteAsync("UPDATE tenant_other.accounts SET name = 'Other tenant' WHERE id = 1");
        var otherBefore = await TenantSnapshot.TakeAsync(t.ConnectionString, "tenant_other");
        var backup = await t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Full, null, None);
        await t.ExecuteAsync(Changes);

        Assert.IsType<Restored>(await t.Engine.RestoreBackupAsync(backup.Id, true, null, None));

        otherBefore.ShouldEqual(await TenantSnapshot.TakeAsync(t.ConnectionString, "tenant_other"));
        Assert.Equal("Other tenant", await t.ScalarAsync<string>("SELECT name FROM tenant_other.accounts WHERE id = 1"));
    }

    [Fact]
    public async Task bad_backup_requests_are_refused_and_change_nothing()
    {
        await using var t = await StartWithBookkeepingAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", "2.0.0", BackupType.Full, null, None));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.CreateMigrationBackupAsync("acme", "bookkeeping", null, BackupType.Incremental, null, None));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.CreateMigrationBackupAsync("nobody", "bookkeeping", null, BackupType.Full, null, None));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.CreateMigrationBackupAsync("acme", "Bad Module", null, BackupType.Full, null, None));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.RestoreBackupAsync(Guid.NewGuid(), true, null, None));
        Assert.Empty(await t.Engine.ListBackupsAsync(null, null, None));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_bk_%'"));
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
