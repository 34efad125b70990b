using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Backups;

public sealed class RestoreBackupTests(PostgresServer server)
{
    [Fact]
    public async Task without_yes_a_restore_that_discards_rows_exits_9_changes_nothing_and_says_to_rerun_with_yes()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var id = await BackupFixture.CreateBackupAsync(cli);
        await BackupFixture.ChangeDataAsync(t);
        var changed = await t.SnapshotAsync("tenant123");

        var human = await cli.RunAsync("restore-backup", "-i", id.ToString());
        var json = await cli.RunAsync("restore-backup", "-i", id.ToString(), "--output", "json");

        human.ShouldFailWith(9, $"Re-run with --yes to discard them: aibos-migrations restore-backup -i {id} --yes");
        Assert.Contains("would discard 3 row(s) of tenant tenant123; nothing was changed", human.Error);
        Assert.Matches(@"financial_reports\s+│\s+29\s+│\s+29\s+│\s+1", human.Out);
        Assert.Matches(@"ledger_entries\s+│\s+50\s+│\s+48\s+│\s+2", human.Out);
        Assert.DoesNotContain("Restored", human.Out);
        json.ShouldFailWith(9, "--yes");
        var document = json.Json;
        Assert.Equal(("confirmation-required", 9, id, "tenant123", 3L), (document.GetProperty("outcome").GetString(), document.GetProperty("exitCode").GetInt32(),
            document.GetProperty("backupId").GetGuid(), document.GetProperty("tenant").GetString(), document.GetProperty("rowsDiscarded").GetInt64()));
        var ledger = document.GetProperty("preview").GetProperty("tables").EnumerateArray().Single(x => x.GetProperty("table").GetString() == "ledger_entries");
        Assert.Equal((50L, 48L, 2L), (ledger.GetProperty("currentRows").GetInt64(), ledger.GetProperty("backupRows").GetInt64(), ledger.GetProperty("rowsDiscarded").GetInt64()));
        Assert.Empty(document.GetProperty("verified").EnumerateArray());
        changed.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.audit_log WHERE action = 'backup.restored'"));
    }

    [Fact]
    public async Task with_yes_the_restore_discards_the_changes_and_prints_what_was_verified()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var atBackup = await t.SnapshotAsync("tenant123");
        var id = await BackupFixture.CreateBackupAsync(cli);
        await BackupFixture.ChangeDataAsync(t);

        var human = (await cli.RunAsync("restore-backup", "-i", id.ToString(), "--yes")).ShouldSucceed();

        atBackup.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Matches(@"Restored and verified in \d+(\.\d)? m?s: accounting is at 1\.0\.0 for tenant tenant123, 3 row\(s\) discarded\.", human.Out);
        Assert.Contains("Verified:", human.Out);
        Assert.Contains("  - table ledger_entries: 48 rows, checksum matches", human.Out);
        Assert.Contains("structure fingerprint", human.Out);

        await BackupFixture.ChangeDataAsync(t);
        var json = (await cli.RunAsync("restore-backup", "--id", id.ToString(), "-y", "-o", "json")).ShouldSucceed().Json;
        Assert.Equal(("restored", 0, 3L), (json.GetProperty("outcome").GetString(), json.GetProperty("exitCode").GetInt32(), json.GetProperty("rowsDiscarded").GetInt64()));
        Assert.Equal(3, json.GetProperty("verified").GetArrayLength());
        Assert.True(json.GetProperty("elapsedSeconds").GetDouble() > 0);
        atBackup.ShouldEqual(await t.SnapshotAsync("tenant123"));
    }

    [Fact]
    public async Task a_person_at_the_terminal_is_asked_and_no_keeps_everything_while_yes_restores()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var atBackup = await t.SnapshotAsync("tenant123");
        var id = await BackupFixture.CreateBackupAsync(cli);
        await BackupFixture.ChangeDataAsync(t);
        var changed = await t.SnapshotAsync("tenant123");
        var questions = new List<string>();

        var declined = await cli.RunAnsweringAsync(q => { questions.Add(q); return false; }, "restore-backup", "-i", id.ToString());

        declined.ShouldFailWith(9, "Not confirmed: nothing was changed");
        Assert.Equal(["Discard 3 rows?"], questions);
        Assert.Contains("Discard 3 rows? [y/N]", declined.Out);
        changed.ShouldEqual(await t.SnapshotAsync("tenant123"));

        (await cli.RunAnsweringAsync(_ => true, "restore-backup", "-i", id.ToString())).ShouldSucceed();
        atBackup.ShouldEqual(await t.SnapshotAsync("tenant123"));
        (await cli.RunAnsweringAsync(_ => throw new InvalidOperationException("nothing to confirm"), "restore-backup", "-i", id.ToString())).ShouldSucceed();
    }

    [Fact]
    public async Task restoring_a_backup_of_1_0_0_after_the_upgrade_needs_no_confirmation_and_drops_the_new_relations()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var atBackup = await t.SnapshotAsync("tenant123");
        var id = await BackupFixture.CreateBackupAsync(cli);
        (await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0")).ShouldSucceed();

        var result = (await cli.RunAsync("restore-backup", "-i", id.ToString())).ShouldSucceed();

        Assert.Contains("over tenant tenant123, which is at accounting 2.0.0", result.Out);
        Assert.Contains("Relations dropped (the backup does not hold them): ", result.Out);
        Assert.Contains("report_snapshots", result.Out);
        Assert.Contains("No rows would be discarded.", result.Out);
        atBackup.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_tenant123.aibos_module_versions WHERE module = 'accounting'"));
    }

    [Fact]
    public async Task the_seed_line_with_a_made_up_id_unknown_ids_and_a_busy_tenant_are_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var id = await BackupFixture.CreateBackupAsync(cli);
        await BackupFixture.ChangeDataAsync(t);
        var changed = await t.SnapshotAsync("tenant123");

        (await cli.RunAsync("restore-backup", "-i", "backup_123")).ShouldFailWith(2, "backup_123");
        (await cli.RunAsync("restore-backup", "-i", Guid.Empty.ToString(), "--yes")).ShouldFailWith(4, "does not exist");
        var unknown = await cli.RunAsync("restore-backup", "-i", Guid.NewGuid().ToString(), "-o", "json");
        Assert.Equal((4, "not-found"), (unknown.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), unknown.Json.GetProperty("error").GetProperty("kind").GetString()));
        (await cli.RunAsync("restore-backup")).ShouldFailWith(2, "Option '--id' is required");
        await using (await BackupFixture.HoldTenantLockAsync(t, "tenant123"))
        {
            var busy = await cli.RunAsync("restore-backup", "-i", id.ToString(), "--yes", "-o", "json");
            busy.ShouldFailWith(3, "busy");
            Assert.Equal("tenant-busy", busy.Json.GetProperty("error").GetProperty("kind").GetString());
        }
        changed.ShouldEqual(await t.SnapshotAsync("tenant123"));
    }
}
