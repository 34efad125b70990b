using AiBos.Migrations.Execution;
using AiBos.Migrations.Statistics;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Statistics;

public sealed class MigrationStatisticsTests(PostgresServer server)
{
    [Fact]
    public async Task statistics_count_outcomes_by_module_and_version_and_time_each_step()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, "accounting", "1.0.0");
            await t.InstallAsync(tenant, "billing", "1.0.0");
        }
        var upgrade = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));
        Assert.IsType<Completed>(await t.MigrateAsync("globex", "accounting", "1.0.0", "2.0.0"));
        Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(upgrade.RunId, "ops", CancellationToken.None));
        Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        Assert.IsType<Failed>(await t.MigrateAsync("globex", "billing", "1.0.0", "2.0.0", new MigrationOptions { RollbackOnFailure = false }));

        var all = await t.Get<MigrationStatistics>().GetStatisticsAsync(null, CancellationToken.None);

        Assert.Equal(["accounting", "billing"], all.Modules.Select(m => m.Module));
        var accounting = all.Modules[0];
        Assert.Equal((4, 3, 1, 0, 1), (accounting.Runs, accounting.Completed, accounting.RolledBack, accounting.Failed, accounting.ManualRollbacks));
        Assert.Equal(0.75, accounting.SuccessRate);
        Assert.Equal(0.25, accounting.RollbackRate);
        Assert.NotNull(accounting.AverageSeconds);

        var versions = all.Versions.Where(v => v.Module == "accounting").ToList();
        Assert.Equal(["1.0.0", "2.0.0"], versions.Select(v => v.Version));
        Assert.Equal((2, 2, 1.0), (versions[0].Runs, versions[0].Completed, versions[0].SuccessRate!.Value));
        Assert.Equal((2, 1, 1, 0.5), (versions[1].Runs, versions[1].Completed, versions[1].RolledBack, versions[1].RollbackRate!.Value));

        var billing = all.Versions.Single(v => v is { Module: "billing", Version: "2.0.0" });
        Assert.Equal((2, 0, 1, 1, 0.0), (billing.Runs, billing.Completed, billing.RolledBack, billing.Failed, billing.SuccessRate!.Value));
        Assert.Null(billing.AverageSeconds);

        var schema = all.Steps.Single(s => s is { Module: "billing", Step: "schema" });
        Assert.Equal((4, 2, 2), (schema.Executions, schema.Completed, schema.Failed));
        Assert.True(schema.AverageMs > 0 && schema.P95Ms > 0);
        Assert.True(schema.MaxMs >= schema.P95Ms && schema.MaxMs >= schema.AverageMs);
        Assert.Equal(["backup", "schema", "validation"], all.Steps.Where(s => s.Module == "accounting").Select(s => s.Step));
    }

    [Fact]
    public async Task statistics_for_one_module_leave_the_others_out_and_are_empty_without_runs()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "crm", "1.0.0");

        var accounting = await t.Get<MigrationStatistics>().GetStatisticsAsync("accounting", CancellationToken.None);
        var crm = await t.Get<MigrationStatistics>().GetStatisticsAsync("crm", CancellationToken.None);

        Assert.Equal("accounting", accounting.Module);
        Assert.Empty(accounting.Modules);
        Assert.Empty(accounting.Versions);
        Assert.Empty(accounting.Steps);
        Assert.Equal(["crm"], crm.Modules.Select(m => m.Module));
        Assert.All(crm.Steps, s => Assert.Equal("crm", s.Module));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<MigrationStatistics>().GetStatisticsAsync("Bad Name;", CancellationToken.None));
    }
}
