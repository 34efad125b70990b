using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Scheduling;

public sealed class SchedulingStoreTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task a_fresh_catalog_gets_the_clustered_job_store_and_its_lock_rows_by_itself()
    {
        await using var node = await SchedulingNode.StartAsync(server);

        var tables = await node.ScalarAsync<string>("""
            SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
            WHERE table_schema = 'aibos_scheduling' AND table_name IN ('qrtz_job_details', 'qrtz_triggers', 'qrtz_locks', 'qrtz_scheduler_state', 'upgrade_outcomes')
            """);
        Assert.Equal("qrtz_job_details,qrtz_locks,qrtz_scheduler_state,qrtz_triggers,upgrade_outcomes", tables);
        Assert.Equal("STATE_ACCESS,TRIGGER_ACCESS", await node.ScalarAsync<string>(
            "SELECT string_agg(lock_name, ',' ORDER BY lock_name) FROM aibos_scheduling.qrtz_locks WHERE sched_name = 'aibos-console'"));
        Assert.Equal(await node.QuartzInstanceIdAsync(), await node.ScalarAsync<string>("SELECT instance_name FROM aibos_scheduling.qrtz_scheduler_state"));
        Assert.Equal("aibos-console", await node.ScalarAsync<string>("SELECT sched_name FROM aibos_scheduling.qrtz_scheduler_state"));
    }
}
