using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Backups;

public sealed class CleanupBackupsTests(PostgresServer server)
{
    [Fact]
    public async Task cleanup_deletes_expired_backups_keeps_the_one_a_run_still_needs_and_marks_abandoned_ones_failed()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var manual = await BackupFixture.CreateBackupAsync(cli);
        var runId = (await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "-o", "json")).ShouldSucceed().Json.GetProperty("runId").GetGuid();
        var runBackup = await t.ScalarAsync<Guid>($"SELECT id FROM aibos.migration_backups WHERE run_id = '{runId}'");
        var abandoned = await BackupFixture.CreateBackupAsync(cli, "2.0.0");
        await t.ExecuteAsync($"""
            UPDATE aibos.migration_backups SET expires_at = now() - interval '1 day';
            UPDATE aibos.migration_backups SET status = 'creating', created_at = now() - interval '2 hours', expires_at = now() + interval '1 day' WHERE id = '{abandoned}';
            """);

        var human = (await cli.RunAsync("cleanup-backups")).ShouldSucceed();

        Assert.Contains("Deleted 1 expired backup(s).", human.Out);
        Assert.Contains($"  - {manual}", human.Out);
        Assert.Contains("Kept 1 expired backup(s):", human.Out);
        Assert.Matches($@"{runBackup}\s+│\s+run {runId} \(completed\) can still be rolled back", human.Out);
        Assert.Contains("Marked 1 abandoned backup(s) failed", human.Out);
        Assert.Contains($"  - {abandoned}", human.Out);
        Assert.Equal("deleted", await t.ScalarAsync<string>($"SELECT status FROM aibos.migration_backups WHERE id = '{manual}'"));
        Assert.Equal(0L, await t.ScalarAsync<long>($"SELECT count(*) FROM pg_namespace WHERE nspname = 'aibos_bk_{manual:N}'"));

        var again = (await cli.RunAsync("cleanup-backups", "--output", "json")).ShouldSucceed().Json;
        Assert.Empty(again.GetProperty("deleted").EnumerateArray());
        Assert.Empty(again.GetProperty("markedFailed").EnumerateArray());
        var kept = Assert.Single(again.GetProperty("kept").EnumerateArray());
        Assert.Equal(runBackup, kept.GetProperty("backupId").GetGuid());
        Assert.Contains("can still be rolled back", kept.GetProperty("reason").GetString());
        Assert.DoesNotContain(manual.ToString(), (await cli.RunAsync("list-backups")).ShouldSucceed().Out);
    }
}
