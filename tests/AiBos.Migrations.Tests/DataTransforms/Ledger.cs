using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.DataTransforms;

/// <summary>Rows for the ledger scenarios and the checks the data tests share.</summary>
internal static class Ledger
{
    /// <summary>An engine with a ledger scenario registered and tenant "acme" at ledger 1.0.0.</summary>
    public static async Task<TestEngine> StartAtOneAsync(PostgresServer server, string scenario)
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync(scenario, "ledger");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "ledger", "1.0.0");
        return t;
    }

    /// <summary>Entries 1..n; every third one is void (the rules move only active entries).</summary>
    public static Task AddEntriesAsync(TestEngine t, string tenant, int count, int from = 1) => t.ExecuteAsync($"""
        INSERT INTO tenant_{tenant}.ledger_entries (entry_id, amount, description, status, created_at)
        SELECT g, g * 1.5, 'entry ' || g, CASE WHEN g % 3 = 0 THEN 'void' ELSE 'active' END, timestamptz '2026-01-01' + g * interval '1 hour'
        FROM generate_series({from}, {from + count - 1}) g
        """);

    public static int ActiveAmong(int count) => count - count / 3;

    /// <summary>Rows in one of (expected target rows, actual target rows) but not the other, duplicates included.</summary>
    public static Task<long> DifferencesAsync(TestEngine t, string tenant, string condition = "status = 'active'") => t.ScalarAsync<long>($"""
        WITH expected AS (SELECT entry_id AS id, amount AS value, description AS notes, created_at AS ts FROM tenant_{tenant}.ledger_entries WHERE {condition}),
             actual AS (SELECT id, value, notes, "timestamp" AS ts FROM tenant_{tenant}.financial_reports)
        SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual) a)
             + (SELECT count(*) FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected) b)
        """);

    public static Task<long> CheckpointAsync(TestEngine t, string tenant, Guid runId, string column) =>
        t.ScalarAsync<long>($"SELECT {column}::bigint FROM tenant_{tenant}.aibos_data_checkpoints WHERE run_id = '{runId}'");
}
