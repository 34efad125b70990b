using AiBos.Migrations.Customizations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationRunTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string LegacyReason = "column invoices.legacy_code no longer exists in billing 3.0.0";

    [Fact]
    public async Task an_upgrade_across_two_versions_migrates_documents_quarantines_the_incompatible_one_and_reports_counts()
    {
        await using var t = await CustomizedTenant.StartAsync(server);

        var completed = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0"));

        var documents = await CustomizedTenant.ContentsAsync(t);
        Assert.Equal("3.0.0 {\"title\":\"Region\",\"binding\":\"invoices.customer\",\"visibility\":\"everyone\"}", documents["custom_field/region"]);
        Assert.Equal("3.0.0 {\"size\":{\"width\":640},\"chart\":\"pie\"}", documents["report_layout/monthly"]);
        Assert.Equal("3.0.0 {\"color\":\"blue\"}", documents["setting/theme"]);
        Assert.False(documents.ContainsKey("custom_field/legacy"));

        var quarantined = Assert.Single(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None));
        Assert.Equal("custom_field/legacy", quarantined.Name);
        Assert.EndsWith(LegacyReason, quarantined.Reason);
        Assert.Contains("3.0.0/bound-columns-must-exist", quarantined.Reason);
        Assert.Equal("{\"label\":\"Legacy code\",\"binding\":\"invoices.legacy_code\"}", quarantined.Document.ToJsonString());
        Assert.Equal(completed.RunId, quarantined.RunId);
        Assert.Equal("1.0.0", quarantined.Version);

        var run = await t.Engine.GetMigrationAsync(completed.RunId, None);
        Assert.Equal(["backup", "schema", "customization", "validation"], run.MigrationSteps.Select(s => s.Kind));
        var step = run.MigrationSteps.Single(s => s.Kind == "customization");
        Assert.Equal("Migrate Customizations", step.Name);
        Assert.Equal("2 migrated, 1 unchanged, 1 quarantined", step.Message);
        Assert.Equal((4L, 4L), (step.Done, step.Total));
    }

    [Fact]
    public async Task manual_rollback_restores_every_document_exactly_including_the_quarantined_one()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);
        var upgrade = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0"));
        Assert.NotEqual(before, await CustomizedTenant.DocumentsAsync(t));

        Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(upgrade.RunId, "ops-bob", None));

        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        Assert.Empty(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None));
        var closed = Assert.Single(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None, includeResolved: true));
        Assert.Equal(QuarantinedCustomization.RolledBack, closed.Status);
    }

    [Fact]
    public async Task fail_on_quarantine_fails_the_step_and_rolls_the_run_back_with_nothing_changed()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);
        var schemaBefore = await t.SnapshotAsync(CustomizedTenant.Tenant);

        var outcome = await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0", new MigrationOptions { FailOnQuarantine = true });

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Equal("customization", rolledBack.Step);
        Assert.Contains("custom_field/legacy", rolledBack.Reason);
        Assert.Contains(LegacyReason, rolledBack.Reason);
        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        schemaBefore.ShouldEqual(await t.SnapshotAsync(CustomizedTenant.Tenant));
        Assert.Empty(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, null, None, includeResolved: true));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'billing'"));
    }

    [Fact]
    public async Task a_failing_validation_query_after_the_customization_step_restores_every_document()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await t.Engine.RegisterCustomizationRuleAsync("billing", "2.0.0", """
            { "id": "due-dates", "appliesTo": ["custom_field"], "operations": [
                { "op": "rename", "path": "label", "to": "title" }, { "op": "requireColumn", "path": "binding" } ] }
            """, replace: false, "ops-alice", None);
        await t.CreateTenantAsync(CustomizedTenant.Tenant);
        await t.InstallAsync(CustomizedTenant.Tenant, "billing", "1.0.0");
        await CustomizedTenant.SaveAsync(t, "custom_field", "amount", """{"label":"Amount","binding":"invoices.amount"}""");
        await CustomizedTenant.SaveAsync(t, "custom_field", "gone", """{"label":"Gone","binding":"invoices.gone"}""");
        var before = await CustomizedTenant.DocumentsAsync(t);

        var rolledBack = Assert.IsType<RolledBack>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "2.0.0"));

        Assert.Equal("validation", rolledBack.Step);
        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        Assert.Equal(QuarantinedCustomization.RolledBack,
            Assert.Single(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None, includeResolved: true)).Status);
        var run = await t.Engine.GetMigrationAsync(rolledBack.RunId, None);
        var step = run.MigrationSteps.Single(s => s.Kind == "customization");
        Assert.Equal(StepStatus.RolledBack, step.Status);
        Assert.Equal("2 customization document(s) restored", step.Message);
    }

    [Fact]
    public async Task a_run_without_preserve_customizations_leaves_documents_alone_and_has_no_customization_step()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);

        var completed = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "2.0.0",
            new MigrationOptions { PreserveCustomizations = false }));

        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
        Assert.DoesNotContain("customization", (await t.Engine.GetMigrationAsync(completed.RunId, None)).MigrationSteps.Select(s => s.Kind));
    }

    [Fact]
    public async Task the_preview_reports_which_documents_change_and_which_would_be_quarantined()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.DocumentsAsync(t);

        var report = await t.Engine.ValidateMigrationAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0", null, None);

        var check = report.Customizations;
        Assert.True(check.Available);
        Assert.Equal(["custom_field/region", "report_layout/monthly"], check.Changed.Select(c => $"{c.Kind}/{c.Key}").Order());
        var quarantined = Assert.Single(check.Quarantined);
        Assert.Equal(("custom_field", "legacy"), (quarantined.Kind, quarantined.Key));
        Assert.EndsWith(LegacyReason, quarantined.Reason);
        Assert.Equal(1, check.Unchanged);
        Assert.Contains("1 would be quarantined", check.Note);
        Assert.Contains(report.Warnings, w => w.Contains("custom_field/legacy", StringComparison.Ordinal));
        Assert.Equal(before, await CustomizedTenant.DocumentsAsync(t));
    }
}
