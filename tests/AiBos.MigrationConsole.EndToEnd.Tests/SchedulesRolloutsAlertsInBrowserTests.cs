using AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AiBos.MigrationConsole.EndToEnd.Tests;

public sealed class SchedulesRolloutsAlertsInBrowserTests(DashboardInBrowser dashboard)
{
    [Fact]
    public async Task Schedules_rollouts_and_alerts_open_from_the_menu_and_load_without_error()
    {
        var errors = new List<string>();
        var page = await dashboard.OpenPageAsync(errors);
        await DashboardInBrowser.GoToAsync(page, "");

        (string Nav, string Heading)[] pages = [("nav-schedules", "Schedules"), ("nav-rollouts", "Rollouts"), ("nav-alerts", "Alerts")];
        foreach (var (nav, heading) in pages)
        {
            await page.GetByTestId(nav).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-alert")).ToHaveCountAsync(0);
        }
        // The alert switches work in a real browser: turning one on needs a real click on MudBlazor's switch.
        var onFailure = page.GetByTestId("alert-on-failure");
        await onFailure.CheckAsync();
        await Expect(onFailure).ToBeCheckedAsync();
        Assert.Empty(errors);
    }
}
