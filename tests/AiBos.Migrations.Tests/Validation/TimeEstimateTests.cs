using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Validation;

[Collection(TimingSensitive.Name)]
public sealed class TimeEstimateTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task the_estimate_learns_from_other_tenants_and_lands_within_half_of_the_measured_duration()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("RowScaling", "events");
        foreach (var (tenant, rows) in new[] { ("small", 40_000), ("medium", 80_000), ("large", 160_000), ("next", 120_000) })
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, "events", "1.0.0");
            await t.ExecuteAsync($"INSERT INTO tenant_{tenant}.events (kind, payload) SELECT 'k' || (n % 9), repeat('payload ', 8) || n FROM generate_series(1, {rows}) n; ANALYZE tenant_{tenant}.events;");
        }
        var beforeHistory = await t.Engine.ValidateMigrationAsync("next", "events", "1.0.0", "2.0.0", null, None);
        Assert.Equal(("declared", TimeSpan.FromSeconds(30)), (beforeHistory.DataVolume.Estimate.Migrations[0].Basis, beforeHistory.DataVolume.Estimate.Total));

        foreach (var tenant in new[] { "small", "medium", "large" })
            Assert.IsType<Completed>(await t.MigrateAsync(tenant, "events", "1.0.0", "2.0.0", new MigrationOptions { SkipBackup = true }));
        var estimate = (await t.Engine.ValidateMigrationAsync("next", "events", "1.0.0", "2.0.0", null, None)).DataVolume.Estimate;
        var run = Assert.IsType<Completed>(await t.MigrateAsync("next", "events", "1.0.0", "2.0.0", new MigrationOptions { SkipBackup = true }));
        var measured = TimeSpan.FromMilliseconds(await t.ScalarAsync<int>(
            $"SELECT sum(execution_ms)::int FROM tenant_next.aibos_schema_history WHERE run_id = '{run.RunId}'"));

        Assert.Equal("measured on 3 other tenant(s)", estimate.Migrations[0].Basis);
        var error = Math.Abs((estimate.Total - measured).TotalMilliseconds) / measured.TotalMilliseconds;
        Assert.True(error <= 0.5, $"Estimated {estimate.Total.TotalMilliseconds:0} ms, measured {measured.TotalMilliseconds:0} ms: off by {error:P0}.");
    }
}
