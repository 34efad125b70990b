using AiBos.MigrationConsole.Components.Upgrade;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class UpgradePageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void Without_modules_or_tenants_the_page_says_what_is_missing()
    {
        var page = Render<UpgradePage>();

        page.WaitForAssertion(() => Assert.Contains("needs a registered module and a tenant", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Preview_without_choices_lists_what_to_fill_in_and_calls_nothing()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        var page = Render<UpgradePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=preview-button]"), Patience);

        await page.Find("[data-testid=preview-button]").ClickAsync(new());

        var errors = page.Find("[data-testid=form-errors]").TextContent;
        Assert.Contains("Choose the tenant to upgrade.", errors, StringComparison.Ordinal);
        Assert.Contains("Choose the module to upgrade.", errors, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=validation-report]"));
        Assert.True(page.Find("[data-testid=start-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Preview_shows_the_engines_report_and_only_then_allows_starting()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var page = RenderAt<UpgradePage>("upgrade?tenant=acme&module=accounting");
        page.WaitForAssertion(() => Assert.Contains("Installed: 1.0.0", page.Markup, StringComparison.Ordinal), Patience);
        Assert.True(page.Find("[data-testid=start-button]").HasAttribute("disabled"));

        await page.Find("[data-testid=preview-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Ready to run", page.Find("[data-testid=report-verdict]").TextContent.Trim()), Patience);
        Assert.Contains("001_add_ai_insights.sql", page.Find("[data-testid=report-plan]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Risk: ", page.Find("[data-testid=report-risk]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=start-button]").HasAttribute("disabled"));
        Assert.Empty(await Engine.ListMigrationsAsync(new MigrationFilter(Tenant: "acme", Status: RunStatus.Running), Cancellation));
    }

    [Fact]
    public async Task A_tenant_that_is_not_at_the_from_version_gets_the_engines_errors_and_cannot_start()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var page = RenderAt<UpgradePage>("upgrade?tenant=acme&module=accounting&from=1.1.0&to=2.0.0");
        page.WaitForAssertion(() => Assert.Contains("Installed: 1.0.0", page.Markup, StringComparison.Ordinal), Patience);

        await page.Find("[data-testid=preview-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Cannot run", page.Find("[data-testid=report-verdict]").TextContent.Trim()), Patience);
        Assert.Contains(page.FindAll("[data-testid=report-error]"), e => e.TextContent.Contains("1.0.0", StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=start-button]").HasAttribute("disabled"));
    }
}
