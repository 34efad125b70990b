using AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AiBos.MigrationConsole.EndToEnd.Tests;

public sealed class NavigationInBrowserTests(DashboardInBrowser dashboard)
{
    [Fact]
    public async Task Dark_mode_toggles_and_every_page_of_the_menu_loads_without_error()
    {
        var errors = new List<string>();
        var page = await dashboard.OpenPageAsync(errors);
        await DashboardInBrowser.GoToAsync(page, "");
        var layout = page.Locator(".mud-layout");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");

        (string Nav, string Heading)[] pages =
        [
            ("nav-runs", "Runs"), ("nav-upgrade", "New upgrade"), ("nav-backups", "Backups"),
            ("nav-tenants", "Tenants"), ("nav-modules", "Modules"), ("nav-overview", "Overview"),
        ];
        foreach (var (nav, heading) in pages)
        {
            await page.GetByTestId(nav).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-alert")).ToHaveCountAsync(0);
        }
        // Dark mode stays on while moving between pages (one circuit, one layout).
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Empty(errors);
    }
}
