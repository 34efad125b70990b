using System.Diagnostics;
using AiBos.Migrations.Backups;

namespace AiBos.Migrations.Bench;

/// <summary>
/// One run, side by side on the same table: the engine's Copy backup and restore, pg_dump and pg_restore, the
/// engine's Snapshot backup and swap restore, and a plain CREATE TABLE AS for reference. A checkpoint precedes
/// every timed operation so that none pays for the previous one's dirty pages.
/// </summary>
public sealed class BackupBenchmark(BenchSettings settings, BenchEngine bench, MemoryProbe memory)
{
    public const string Database = "aibos_bench";
    public const string RestoreDatabase = "aibos_bench_restore";
    private const string Source = $"{BenchEngine.TenantSchema}.{BenchModule.Table}";

    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Measurement> Measurements => _measurements;
    public IReadOnlyList<string> Notes => _notes;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var engine = bench.Engine;
        var tools = new PgTools(settings);
        var dumpFile = Path.Combine(Path.GetTempPath(), $"aibos-bench-{Guid.NewGuid():N}.dump");
        try
        {
            var copy = await MeasureAsync("backup", "Engine full backup (Copy)", Baseline.PgDump, () =>
                engine.CreateMigrationBackupAsync(BenchEngine.TenantKey, BenchModule.Name, null, BackupType.Full, "bench", cancellationToken, BackupFormat.Copy), cancellationToken);

            var relations = new List<string> { Source };
            relations.AddRange(await OwnedSequencesAsync(cancellationToken));
            await MeasureAsync("pg_dump", $"pg_dump -Fc {string.Join(" ", relations.Select(r => "-t " + r))}", Baseline.None, async () =>
            {
                await tools.DumpAsync(Database, relations, dumpFile, cancellationToken);
                return 0;
            }, cancellationToken, external: true);
            _notes.Add($"Dump file: {new FileInfo(dumpFile).Length / 1048576.0:F0} MB; engine Copy backup: {copy.SizeBytes / 1048576.0:F0} MB (heap only).");

            var discarded = await ChangeAndRestoreAsync("restore", "Engine restore of the Copy backup (preview + rebuild with indexes + swap + verify)", copy.Id, cancellationToken);
            _notes.Add($"Before each engine restore 10 rows were deleted and 10 inserted; the preview reported {discarded} rows to discard (restored with confirmDiscard: true).");

            await BenchEngine.RecreateDatabaseAsync(settings, RestoreDatabase, cancellationToken);
            await using (var target = new Npgsql.NpgsqlConnection(settings.ConnectionStringFor(RestoreDatabase)))
            {
                await target.OpenAsync(cancellationToken);
                await using var schema = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {BenchEngine.TenantSchema}", target);
                await schema.ExecuteNonQueryAsync(cancellationToken);
            }
            await MeasureAsync("pg_restore", "pg_restore -d <empty database> (COPY + indexes)", Baseline.None, async () =>
            {
                await tools.RestoreAsync(RestoreDatabase, dumpFile, cancellationToken);
                return 0;
            }, cancellationToken, external: true);

            var snapshot = await MeasureAsync("snapshot-backup", "Engine full backup (Snapshot: clone + indexes at backup time)", Baseline.PgDump, () =>
                engine.CreateMigrationBackupAsync(BenchEngine.TenantKey, BenchModule.Name, null, BackupType.Full, "bench", cancellationToken, BackupFormat.Snapshot), cancellationToken);
            await ChangeAndRestoreAsync("snapshot-restore", "Engine restore of the Snapshot backup (preview + swap + verify)", snapshot.Id, cancellationToken);

            await MeasureAsync("ctas", "CREATE TABLE x AS SELECT * FROM events (reference)", Baseline.PgDump, async () =>
            {
                await bench.ExecuteAsync($"CREATE TABLE public.bench_ctas AS SELECT * FROM {Source}", cancellationToken);
                return 0;
            }, cancellationToken);
            await bench.ExecuteAsync("DROP TABLE public.bench_ctas", cancellationToken);
        }
        finally
        {
            File.Delete(dumpFile);
        }
    }

    /// <summary>Deletes 10 rows and inserts 10, restores the backup (confirming the discard), and checks the rows came back.</summary>
    private async Task<long> ChangeAndRestoreAsync(string key, string operation, Guid backupId, CancellationToken cancellationToken)
    {
        var before = await bench.ScalarAsync<long>($"SELECT count(*) FROM {Source}", cancellationToken);
        await bench.ExecuteAsync($"""
            DELETE FROM {Source} WHERE id IN (SELECT id FROM {Source} ORDER BY id LIMIT 10);
            INSERT INTO {Source} (account_id, occurred_at, kind, payload, note)
            SELECT n, now(), 'bench.change', jsonb_build_object('n', n), 'changed' FROM generate_series(1, 10) n
            """, cancellationToken);
        var outcome = await MeasureAsync(key, operation, Baseline.PgRestore, () =>
            bench.Engine.RestoreBackupAsync(backupId, confirmDiscard: true, "bench", cancellationToken), cancellationToken);
        if (outcome is not Restored restored) throw new InvalidOperationException($"The restore did not complete: {outcome}");
        var after = await bench.ScalarAsync<long>($"SELECT count(*) FROM {Source}", cancellationToken);
        if (after != before) throw new InvalidOperationException($"The restore left {after} rows, expected {before}.");
        // Untimed: the restored table gets its visibility map and hint bits, as autovacuum would give it.
        await bench.ExecuteAsync($"VACUUM ANALYZE {Source}", cancellationToken);
        return restored.Preview.RowsDiscarded;
    }

    private async Task<T> MeasureAsync<T>(string key, string operation, Baseline baseline, Func<Task<T>> action, CancellationToken cancellationToken, bool external = false)
    {
        await bench.ExecuteAsync("CHECKPOINT", cancellationToken);
        memory.Restart();
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var result = await action();
        watch.Stop();
        var peak = memory.Restart();
        _measurements.Add(new Measurement(key, operation, started, watch.Elapsed.TotalSeconds, baseline, external ? 0 : peak));
        Console.Error.WriteLine($"  {operation}: {watch.Elapsed.TotalSeconds:F2} s");
        return result;
    }

    private async Task<IReadOnlyList<string>> OwnedSequencesAsync(CancellationToken cancellationToken)
    {
        // Serial columns own a sequence that pg_dump -t does not follow; identity sequences come with the table.
        var list = await bench.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(format('%I.%I', n.nspname, s.relname), ','), '')
            FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace n ON n.oid = s.relnamespace
            WHERE d.refobjid = '{Source}'::regclass AND d.deptype = 'a'
            """, cancellationToken);
        return list.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }
}
