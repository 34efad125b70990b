using System.Text.Json;
using System.Text.Json.Nodes;
using AiBos.Migrations.Customizations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

public sealed class CustomizationServiceTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task saving_validates_its_input_and_bumps_the_revision_at_the_installed_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("CustomizedBilling", "billing");
        await t.CreateTenantAsync("acme");
        var service = t.Get<CustomizationService>();

        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.SaveTenantCustomizationAsync("acme", "billing", "setting", "theme", JsonNode.Parse("{}"), null, None));
        await t.InstallAsync("acme", "billing", "2.0.0");
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.SaveTenantCustomizationAsync("acme", "billing", "Bad Kind", " ", JsonNode.Parse("[1]"), null, None));
        Assert.Equal(3, bad.Problems.Count);
        await Assert.ThrowsAsync<InvalidInputException>(() => service.SaveTenantCustomizationAsync("acme", "billing", "setting", "x", JsonDocument.Parse("\"text\"").RootElement, null, None));

        await t.Engine.SaveTenantCustomizationAsync("acme", "billing", "setting", "theme", JsonNode.Parse("""{"color":"blue"}"""), "ops-alice", None);
        var saved = await service.SaveTenantCustomizationAsync("acme", "billing", "setting", "theme", JsonDocument.Parse("""{"color":"red"}""").RootElement, "ops-bob", None);

        Assert.Equal((2, "2.0.0", "ops-bob"), (saved.Revision, saved.Version.ToString(), saved.UpdatedBy));
        var stored = Assert.Single(await t.Engine.GetTenantCustomizationsAsync("acme", "billing", None));
        Assert.Equal("""{"color":"red"}""", stored.Document.ToJsonString());
        Assert.Empty(await t.Engine.GetTenantCustomizationsAsync("acme", "crm", None));
    }

    [Fact]
    public async Task an_operator_releases_a_fixed_quarantined_document_or_discards_it()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        await CustomizedTenant.SaveAsync(t, "custom_field", "old_code", """{"label":"Old","binding":"invoices.legacy_code"}""");
        Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "3.0.0"));
        var held = await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None);
        Assert.Equal(["custom_field/legacy", "custom_field/old_code"], held.Select(q => q.Name));

        var released = await t.Engine.ReleaseQuarantinedCustomizationAsync(CustomizedTenant.Tenant, held[0].Id,
            JsonNode.Parse("""{"title":"Legacy code","binding":"invoices.customer"}"""), "ops-alice", None);
        await t.Engine.DiscardQuarantinedCustomizationAsync(CustomizedTenant.Tenant, held[1].Id, "ops-alice", None);

        Assert.Equal(("3.0.0", 2), (released.Version.ToString(), released.Revision));
        Assert.Equal("3.0.0 {\"title\":\"Legacy code\",\"binding\":\"invoices.customer\"}", (await CustomizedTenant.ContentsAsync(t))["custom_field/legacy"]);
        Assert.Empty(await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None));
        Assert.Equal([QuarantinedCustomization.Released, QuarantinedCustomization.Discarded],
            (await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None, includeResolved: true)).Select(q => q.Status));
        var again = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.DiscardQuarantinedCustomizationAsync(CustomizedTenant.Tenant, held[0].Id, null, None));
        Assert.Contains("is released", again.Message);
    }

    [Fact]
    public async Task a_downgrade_returns_documents_to_their_saved_content_reinstates_the_quarantined_and_sets_aside_what_has_no_way_back()
    {
        await using var t = await CustomizedTenant.StartAsync(server);
        var before = await CustomizedTenant.ContentsAsync(t);
        Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "1.0.0", "2.0.0"));
        Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "2.0.0", "3.0.0"));
        await CustomizedTenant.SaveAsync(t, "setting", "new_at_3", """{"on":true}""");
        await CustomizedTenant.SaveAsync(t, "setting", "theme", """{"color":"green"}""");

        var downgrade = Assert.IsType<Completed>(await t.MigrateAsync(CustomizedTenant.Tenant, "billing", "3.0.0", "1.0.0"));

        var after = await CustomizedTenant.ContentsAsync(t);
        foreach (var name in new[] { "custom_field/region", "custom_field/legacy", "report_layout/monthly" })
            Assert.Equal(before[name], after[name]);
        Assert.False(after.ContainsKey("setting/new_at_3"));
        Assert.False(after.ContainsKey("setting/theme"));
        var held = await t.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", None);
        Assert.Equal(["setting/new_at_3", "setting/theme"], held.Select(q => q.Name));
        Assert.All(held, q => Assert.StartsWith("no downgrade rule", q.Reason));
        var step = (await t.Engine.GetMigrationAsync(downgrade.RunId, None)).MigrationSteps.Single(s => s.Kind == "customization");
        Assert.Equal("2 restored, 0 unchanged, 1 reinstated from quarantine, 2 quarantined", step.Message);
    }
}
