using AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiBos.MigrationConsole.EndToEnd.Tests;

public sealed class UpgradeInBrowserTests(DashboardInBrowser dashboard)
{
    [Fact]
    public async Task An_upgrade_started_from_the_new_upgrade_page_is_followed_live_to_completed()
    {
        await dashboard.AddTenantAsync("e2e_upgrade");
        await dashboard.InstallAsync("e2e_upgrade", "accounting", "1.0.0");
        var errors = new List<string>();
        var page = await dashboard.OpenPageAsync(errors);
        await DashboardInBrowser.GoToAsync(page, "upgrade");

        await ChooseAsync(page, "Tenant", "e2e_upgrade");
        await ChooseAsync(page, "Module", "accounting");
        await Expect(page.GetByText("Installed: 1.0.0")).ToBeVisibleAsync();
        await page.GetByTestId("preview-button").ClickAsync();
        await Expect(page.GetByTestId("report-verdict")).ToHaveTextAsync("Ready to run");
        await page.GetByTestId("start-button").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("goes from 1.0.0 to 2.0.0");
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"));
        var status = page.GetByTestId("run-header").GetByTestId("run-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("run-progress-value")).ToHaveTextAsync("100 %");
        await Expect(page.GetByTestId("run-versions")).ToHaveTextAsync("1.0.0 → 2.0.0");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_failing_upgrade_shows_its_automatic_rollback_live()
    {
        await dashboard.AddTenantAsync("e2e_failing");
        await dashboard.InstallAsync("e2e_failing", "billing", "1.0.0");
        var errors = new List<string>();
        var page = await dashboard.OpenPageAsync(errors);
        // A link such as the tenants page gives: tenant and module chosen, From and To filled in from the catalog.
        await DashboardInBrowser.GoToAsync(page, "upgrade?tenant=e2e_failing&module=billing");

        await Expect(page.GetByText("Installed: 1.0.0")).ToBeVisibleAsync();
        await page.GetByTestId("preview-button").ClickAsync();
        await Expect(page.GetByTestId("report-verdict")).ToHaveTextAsync("Ready to run");
        await page.GetByTestId("start-button").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("run-header").GetByTestId("run-status")).ToHaveAttributeAsync("data-status", "rolled-back", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rollback-summary")).ToContainTextAsync("Failed step:");
        await Expect(page.GetByTestId("rollback-path")).ToContainTextAsync("Rollback path:");
        await Expect(page.GetByTestId("steps-table").Locator("[data-status=failed], [data-status=rolled-back]").First).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    /// <summary>Picks an option of a MudSelect as a user does: open the list by its label, click the option.</summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = label }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }
}
