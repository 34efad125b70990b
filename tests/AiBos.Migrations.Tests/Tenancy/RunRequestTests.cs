using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Tenancy;

/// <summary>Requests the runner refuses before planning: unknown tenants, modules and versions, and wrong from-versions.</summary>
public sealed class RunRequestTests(PostgresServer server)
{
    private static Task<long> RunsAsync(TestEngine t) => t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations");

    [Fact]
    public async Task executing_for_an_unknown_tenant_throws_not_found()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => t.MigrateAsync("ghost", "accounting", "1.0.0", "2.0.0"));

        Assert.Contains("Tenant 'ghost' is not registered", refused.Message);
        Assert.Equal(0L, await RunsAsync(t));
    }

    [Fact]
    public async Task executing_for_an_unknown_module_throws_not_found()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.CreateTenantAsync("acme");

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => t.MigrateAsync("acme", "payroll", "1.0.0", "2.0.0"));

        Assert.Contains("Module 'payroll' is not registered", refused.Message);
        Assert.Equal(0L, await RunsAsync(t));
    }

    [Fact]
    public async Task an_unregistered_target_version_is_refused_listing_the_registered_versions()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.InstallModuleAsync("acme", "accounting", "3.0.0", null, CancellationToken.None));

        Assert.Contains("Version 3.0.0 of module 'accounting' is not registered", refused.Message);
        Assert.Contains("Registered versions: 1.0.0, 1.1.0, 2.0.0.", refused.Message);
        Assert.Equal(0L, await RunsAsync(t));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_schema_history"));
    }

    [Fact]
    public async Task the_same_from_and_target_version_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        var runsBefore = await RunsAsync(t);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.MigrateAsync("acme", "accounting", "1.0.0", "1.0.0"));

        Assert.Contains("both 1.0.0: nothing to migrate", refused.Message);
        Assert.Equal(runsBefore, await RunsAsync(t));
    }

    [Theory]
    [InlineData("1.0", "2.0.0", "from-version")]
    [InlineData("1.0.0", "latest", "target version")]
    public async Task a_malformed_version_in_a_request_is_refused_naming_the_field(string from, string to, string field)
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.MigrateAsync("acme", "accounting", from, to));

        Assert.Contains($"is not a valid {field}", refused.Message);
        Assert.Equal(0L, await RunsAsync(t));
    }

    [Fact]
    public async Task a_from_version_that_is_not_the_tenants_version_is_rejected_naming_the_actual_version_and_no_run_is_recorded()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");

        var rejected = Assert.IsType<PlanRejected>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));

        var problem = Assert.Single(rejected.Problems);
        Assert.Contains("Tenant 'acme' is at version 0.0.0 (not installed) of module 'accounting', not 1.0.0", problem);
        Assert.Equal(0L, await RunsAsync(t));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_schema_history"));
    }

    [Fact]
    public async Task a_from_version_behind_the_tenants_version_is_rejected_naming_the_actual_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.1.0");
        var before = await t.SnapshotAsync("acme");
        var runsBefore = await RunsAsync(t);

        var rejected = Assert.IsType<PlanRejected>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));

        Assert.Contains("Tenant 'acme' is at version 1.1.0 of module 'accounting', not 1.0.0: run from 1.1.0 instead.", Assert.Single(rejected.Problems));
        Assert.Equal(runsBefore, await RunsAsync(t));
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }
}
