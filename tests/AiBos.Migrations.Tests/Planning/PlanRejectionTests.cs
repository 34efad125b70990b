using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Tests.Tenancy;

namespace AiBos.Migrations.Tests.Planning;

/// <summary>Plans the runner refuses against a real tenant: nothing is touched and no run is recorded.</summary>
public sealed class PlanRejectionTests(PostgresServer server)
{
    private static Task<long> RunsAsync(TestEngine t) => t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations");

    [Fact]
    public async Task upgrading_crm_to_2_0_0_without_accounting_is_rejected_naming_the_missing_migration_and_completes_once_accounting_is_installed()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "crm", "1.0.0");
        var before = await t.SnapshotAsync("acme");
        var runsBefore = await RunsAsync(t);

        var rejected = Assert.IsType<PlanRejected>(await t.MigrateAsync("acme", "crm", "1.0.0", "2.0.0"));

        var problem = Assert.Single(rejected.Problems);
        Assert.Contains("crm:2.0.0/004_create_deals.sql", problem);
        Assert.Contains("accounting:1.0.0/001_create_financial_reports.sql", problem);
        Assert.Contains("upgrade 'accounting' first", problem);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(runsBefore, await RunsAsync(t));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'crm'"));

        await t.InstallAsync("acme", "accounting", "1.0.0");
        Assert.IsType<Completed>(await t.MigrateAsync("acme", "crm", "1.0.0", "2.0.0"));

        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'crm'"));
        Assert.Equal(1L, await t.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'tenant_acme' AND table_name = 'deals'"));
    }

    [Fact]
    public async Task downgrading_accounting_below_a_migration_that_crm_depends_on_is_rejected()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        await t.InstallAsync("acme", "crm", "2.0.0");
        var before = await t.SnapshotAsync("acme");
        var runsBefore = await RunsAsync(t);

        var rejected = Assert.IsType<PlanRejected>(await t.MigrateAsync("acme", "accounting", "1.0.0", "0.0.0"));

        Assert.Contains(rejected.Problems, p => p.Contains("crm:2.0.0/004_create_deals.sql is applied and needs accounting:1.0.0/001_create_financial_reports.sql", StringComparison.Ordinal));
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(runsBefore, await RunsAsync(t));
    }

    [Fact]
    public async Task a_tampered_history_checksum_rejects_the_upgrade_and_leaves_the_tenant_unchanged()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("x");
        await t.InstallAsync("x", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("x", "accounting");
        await t.ExecuteAsync("UPDATE tenant_x.aibos_schema_history SET checksum = 'tampered' WHERE file_name = '001_create_financial_reports.sql'");
        var before = await t.SnapshotAsync("x");
        var historyBefore = await t.ScalarAsync<long>("SELECT count(*) FROM tenant_x.aibos_schema_history");
        var runsBefore = await RunsAsync(t);

        var rejected = Assert.IsType<PlanRejected>(await t.MigrateAsync("x", "accounting", "1.0.0", "2.0.0"));

        var problem = Assert.Single(rejected.Problems);
        Assert.Contains("checksum", problem);
        Assert.Contains("accounting:1.0.0/001_create_financial_reports.sql", problem);
        before.ShouldEqual(await t.SnapshotAsync("x"));
        Assert.Equal(historyBefore, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_x.aibos_schema_history"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_x.aibos_module_versions WHERE module = 'accounting'"));
        Assert.Equal(runsBefore, await RunsAsync(t));
    }
}
