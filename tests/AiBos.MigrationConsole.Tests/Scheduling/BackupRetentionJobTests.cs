using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Scheduling;

public sealed class BackupRetentionJobTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_retention_job_deletes_an_expired_backup_on_its_cron()
    {
        await using var node = await SchedulingNode.StartAsync(server, new Dictionary<string, string>
        {
            ["AiBos:Scheduling:BackupRetentionCron"] = "0/1 * * * * ?", // every second
        });
        await ScheduledUpgradeTests.InstallAccountingAsync(node, "acme");
        var expired = await node.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, null, Ct);
        var fresh = await node.Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, null, Ct);
        await node.ScalarAsync<int>($"UPDATE aibos.migration_backups SET expires_at = now() - interval '1 day' WHERE id = '{expired.Id}' RETURNING 1");

        await Eventually.UntilAsync(() => node.ScalarAsync<string>($"SELECT status FROM aibos.migration_backups WHERE id = '{expired.Id}'"),
            status => status == "deleted", TimeSpan.FromSeconds(30), "the expired backup to be deleted");

        Assert.Equal([fresh.Id], (await node.Engine.ListBackupsAsync("acme", "accounting", Ct)).Select(b => b.Id));
        Assert.Equal(0L, await node.ScalarAsync<long>($"SELECT count(*) FROM pg_namespace WHERE nspname = 'aibos_bk_{expired.Id:N}'"));
    }

    [Fact]
    public async Task the_retention_job_runs_daily_at_three_utc_by_default_and_refuses_a_bad_cron()
    {
        await using var node = await SchedulingNode.StartAsync(server);

        var cron = await node.ScalarAsync<string>("SELECT cron_expression FROM aibos_scheduling.qrtz_cron_triggers WHERE trigger_name = 'backup-retention'");
        var zone = await node.ScalarAsync<string>("SELECT time_zone_id FROM aibos_scheduling.qrtz_cron_triggers WHERE trigger_name = 'backup-retention'");
        Assert.Equal(("0 0 3 * * ?", "UTC"), (cron, zone));

        await using var bad = new BadCronNode(node.ConnectionString);
        var error = Assert.ThrowsAny<Exception>(() => bad.Start());
        Assert.Contains("BackupRetentionCron is not a valid Quartz cron expression", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class BadCronNode(string connectionString) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        public void Start() => StartServer();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Catalog", connectionString);
            builder.UseSetting("AiBos:Scheduling:BackupRetentionCron", "every night");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }
}
