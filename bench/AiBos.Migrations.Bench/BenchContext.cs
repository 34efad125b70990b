using System.Globalization;

namespace AiBos.Migrations.Bench;

/// <summary>The machine and data a run measured: cores, load, server version, rows and sizes.</summary>
public static class BenchContext
{
    public static async Task<List<string>> DescribeAsync(BenchEngine bench, int rows, string loadBefore, CancellationToken cancellationToken)
    {
        var version = await bench.ScalarAsync<string>("SELECT current_setting('server_version')", cancellationToken);
        var settings = await bench.ScalarAsync<string>(
            "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'maintenance_work_mem', 'work_mem', 'max_parallel_workers_per_gather', 'max_parallel_maintenance_workers', 'wal_level')",
            cancellationToken);
        var heap = await bench.ScalarAsync<long>($"SELECT pg_table_size('{BenchEngine.TenantSchema}.{BenchModule.Table}')", cancellationToken);
        var indexes = await bench.ScalarAsync<long>($"SELECT pg_indexes_size('{BenchEngine.TenantSchema}.{BenchModule.Table}')", cancellationToken);
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; .NET {Environment.Version}"),
            $"PostgreSQL {version} (private cluster, durable defaults): {settings}",
            string.Create(CultureInfo.InvariantCulture, $"Table {BenchEngine.TenantSchema}.{BenchModule.Table}: {rows:N0} rows, heap {heap / 1048576.0:F0} MB, indexes {indexes / 1048576.0:F0} MB (primary key, btree (account_id, occurred_at), GIN (payload jsonb))"),
            $"Load average (1/5/15 min) before the run: {loadBefore}",
        ];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
