using AiBos.MigrationConsole.Components.Overview;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class OverviewPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void An_empty_catalog_shows_zero_counts_and_says_where_to_start()
    {
        var page = Render<OverviewPage>();

        // The page's sections load on their own: wait for all of them, not just the first.
        page.WaitForAssertion(() =>
        {
            Assert.Equal("0", page.Find("[data-testid=count-tenants]").TextContent.Trim());
            Assert.Equal("0", page.Find("[data-testid=count-running]").TextContent.Trim());
            Assert.Contains("No finished runs yet", page.Markup, StringComparison.Ordinal);
            Assert.Contains("Nothing is running", page.Markup, StringComparison.Ordinal);
        }, Patience);
        Assert.Empty(page.FindAll("[data-testid=error-alert]"));
    }

    [Fact]
    public async Task Finished_runs_show_in_the_counts_and_the_success_rate_per_module()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");

        var page = Render<OverviewPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("[data-testid=count-tenants]").TextContent.Trim());
            Assert.Equal("1", page.Find("[data-testid=count-modules]").TextContent.Trim());
            Assert.Equal("1", page.Find("[data-testid=count-runs-today]").TextContent.Trim());
            var rates = page.Find("[data-testid=success-table]").TextContent;
            Assert.Contains("accounting", rates, StringComparison.Ordinal);
            Assert.Contains("100.0 %", rates, StringComparison.Ordinal);
            Assert.NotEmpty(page.FindAll("[data-testid=success-chart]"));
        }, Patience);
    }
}
