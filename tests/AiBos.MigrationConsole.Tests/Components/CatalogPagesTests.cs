using AiBos.MigrationConsole.Components.Modules;
using AiBos.MigrationConsole.Components.Tenants;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class CatalogPagesTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void An_empty_catalog_tells_how_to_add_tenants_and_register_modules()
    {
        var tenants = Render<TenantsPage>();
        var modules = Render<ModulesPage>();

        tenants.WaitForAssertion(() => Assert.Contains("add-tenant", tenants.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
        modules.WaitForAssertion(() => Assert.Contains("register-module", modules.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Tenants_show_their_installed_versions_and_modules_their_migrations()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");

        var tenants = Render<TenantsPage>();
        var modules = Render<ModulesPage>();

        tenants.WaitForAssertion(() => Assert.Equal("accounting 1.0.0", tenants.Find("[data-testid=tenant-module]").TextContent.Trim()), Patience);
        modules.WaitForAssertion(() => Assert.Contains("accounting — 3 version(s), installed on 1 tenant(s)", modules.Markup, StringComparison.Ordinal), Patience);
    }
}
