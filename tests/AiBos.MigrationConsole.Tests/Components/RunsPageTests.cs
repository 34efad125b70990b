using AiBos.MigrationConsole.Components.Runs;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class RunsPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void Without_runs_the_page_says_how_to_start_one()
    {
        var page = Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Contains("No upgrade has run yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_run_started_elsewhere_appears_live_with_its_status()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        var page = Render<RunsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=empty-state]")), Patience);

        // Started by the engine directly, as the CLI would: the page learns of it through the catalog's NOTIFY relay.
        await InstallAsync("acme", "accounting", "1.0.0");

        page.WaitForAssertion(() =>
        {
            var status = page.Find("[data-testid=runs-table] [data-testid=run-status]");
            Assert.Equal(RunStatus.Completed, status.GetAttribute("data-status"));
        }, Patience);
        Assert.Contains("acme", page.Find("[data-testid=runs-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_filter_that_matches_nothing_says_so()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");

        var page = RenderAt<RunsPage>("runs?status=failed");

        page.WaitForAssertion(() => Assert.Contains("No run matches these filters", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
    }
}
