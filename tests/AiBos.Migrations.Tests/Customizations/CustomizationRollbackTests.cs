using AiBos.Migrations.Customizations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationRollbackTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task the_step_rollback_works_from_the_history_alone_and_a_second_call_changes_nothing()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);
        var upgrade = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0"));

        // As recovery does in another process: a fresh context built from the run's persisted facts only.
        var tenant = await t.Get<TenantService>().GetTenantAsync(CustomizedTenant.Tenant, None);
        await using var session = await TenantSession.TryAcquireAsync(t.Get<ShardConnections>(), tenant, TimeSpan.FromSeconds(5), None);
        Assert.NotNull(session);
        var plan = new MigrationPlan(tenant.Key, "billing", SemanticVersion.Parse("1.0.0"), SemanticVersion.Parse("3.0.0"), [], []);
        var context = t.Get<RunContextFactory>().Create(upgrade.RunId, tenant, plan, new MigrationOptions(), session, []);
        context.CurrentStep = "customization";
        var step = t.Get<IEnumerable<IRunStep>>().OfType<CustomizationStep>().Single();

        await step.RollbackAsync(context, None);
        var once = await CustomizedTenant.DocumentsAsync(t);
        await step.RollbackAsync(context, None);

        Assert.Equal(before, once);
        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        Assert.Empty(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, null, None));
    }

    [Fact]
    public async Task a_document_edited_after_the_run_is_kept_in_quarantine_when_the_run_is_rolled_back()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);
        var upgrade = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0"));
        await CustomizedTenant.SaveAsync(t, "setting", "theme", """{"color":"green"}""");

        var rolledBack = Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(upgrade.RunId, "ops-bob", None));

        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        var kept = Assert.Single(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None));
        Assert.Equal(("setting/theme", "{\"color\":\"green\"}", "3.0.0"), (kept.Name, kept.Document.ToJsonString(), kept.Version));
        Assert.Contains($"changed after run {upgrade.RunId}", kept.Reason);
        Assert.NotEqual(rolledBack.RunId, kept.RunId);
    }
}
