using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Execution;

/// <summary>One run per tenant at a time; different tenants run in parallel and never touch each other.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ConcurrencyTests(PostgresServer server)
{
    [Fact]
    public async Task two_runs_for_the_same_tenant_started_at_once_apply_once_and_the_other_is_told_the_tenant_is_busy()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        await using var other = t.Sibling(); // another process: its own services and connections

        var outcomes = await Task.WhenAll(
            Task.Run(() => t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0")),
            Task.Run(() => other.MigrateAsync("acme", "billing", "1.0.0", "2.0.0")));

        Assert.Single(outcomes.OfType<Completed>());
        Assert.Equal("acme", Assert.Single(outcomes.OfType<TenantBusy>()).Tenant);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE to_version = '2.0.0'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_schema_history WHERE file_name = '004_slow_backfill.sql'"));
    }

    [Fact]
    public async Task two_tenants_migrate_in_parallel_and_a_third_tenant_is_untouched()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        foreach (var tenant in new[] { "alpha", "beta", "gamma" })
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, "billing", "1.0.0");
        }
        var gammaBefore = await t.SnapshotAsync("gamma");

        var outcomes = await Task.WhenAll(
            Task.Run(() => t.MigrateAsync("alpha", "billing", "1.0.0", "2.0.0")),
            Task.Run(() => t.MigrateAsync("beta", "billing", "1.0.0", "2.0.0")));

        Assert.All(outcomes, o => Assert.IsType<Completed>(o));
        // Each schema step sleeps two seconds; the two steps overlap in time only if the runs ran in parallel.
        Assert.True(await t.ScalarAsync<bool>("""
            SELECT max(s.started_at) < min(s.finished_at) FROM aibos.migration_steps s
            JOIN aibos.module_migrations r ON r.id = s.run_id WHERE s.kind = 'schema' AND r.to_version = '2.0.0'
            """), "The schema steps of the two tenants did not overlap: they ran one after the other.");
        gammaBefore.ShouldEqual(await t.SnapshotAsync("gamma"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_gamma.aibos_schema_history WHERE file_name LIKE '00%' AND version = '2.0.0'"));
    }
}
