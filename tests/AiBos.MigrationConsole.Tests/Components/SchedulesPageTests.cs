using System.Globalization;
using AiBos.MigrationConsole.Components.Schedules;
using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class SchedulesPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    private UpgradeScheduler Scheduler => App.Services.GetRequiredService<UpgradeScheduler>();

    [Fact]
    public void Without_modules_and_schedules_the_page_says_what_to_do()
    {
        var page = Render<SchedulesPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=empty-state]").Count), Patience);
        var shown = page.Markup;
        Assert.Contains("A schedule needs a registered module and a tenant", shown, StringComparison.Ordinal);
        Assert.Contains("No upgrade is scheduled", shown, StringComparison.Ordinal);
        Assert.Contains("No schedule has fired yet", shown, StringComparison.Ordinal);
        AssertNoErrorShown(page);
    }

    [Fact]
    public async Task Times_that_are_not_times_or_a_window_that_ends_before_the_start_are_refused_and_nothing_is_scheduled()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var page = RenderAt<SchedulesPage>("schedules?tenant=acme&module=accounting");
        page.WaitForAssertion(() => Assert.Equal("1.0.0", page.Find("input[data-testid=schedule-from]").GetAttribute("value")), Patience);

        await page.Find("input[data-testid=schedule-start]").ChangeAsync(new() { Value = "tomorrow at nine" });
        await page.Find("[data-testid=schedule-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Start 'tomorrow at nine' is not a time: write it as yyyy-MM-dd HH:mm (UTC)", page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);

        await page.Find("input[data-testid=schedule-start]").ChangeAsync(new() { Value = Utc(TimeSpan.FromHours(3)) });
        await page.Find("input[data-testid=schedule-window-end]").ChangeAsync(new() { Value = Utc(TimeSpan.FromHours(2)) });
        await page.Find("[data-testid=schedule-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("The window must end after the start", page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(await Scheduler.ListScheduledUpgradesAsync(Cancellation));
        Assert.Empty(page.FindAll("[data-testid=pending-table]"));
    }

    [Fact]
    public async Task A_scheduled_upgrade_appears_in_the_table_and_is_cancelled_after_confirmation()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var start = Utc(TimeSpan.FromHours(2));
        var windowEnd = Utc(TimeSpan.FromHours(4));
        var page = RenderAt<SchedulesPage>("schedules?tenant=acme&module=accounting");
        page.WaitForAssertion(() => Assert.Equal("1.0.0", page.Find("input[data-testid=schedule-from]").GetAttribute("value")), Patience);

        await page.Find("input[data-testid=schedule-start]").ChangeAsync(new() { Value = start });
        await page.Find("input[data-testid=schedule-window-end]").ChangeAsync(new() { Value = windowEnd });
        await page.Find("[data-testid=schedule-button]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pending-table] tbody tr")), Patience);
        AssertNoErrorShown(page);
        var row = page.Find("[data-testid=pending-table] tbody tr").TextContent;
        Assert.Contains(start, row, StringComparison.Ordinal);
        Assert.Contains(windowEnd, row, StringComparison.Ordinal);
        Assert.Contains("acme", row, StringComparison.Ordinal);
        Assert.Contains("1.0.0 → 2.0.0", row, StringComparison.Ordinal);
        Assert.Contains("full backup, auto rollback", row, StringComparison.Ordinal);
        var stored = Assert.Single(await Scheduler.ListScheduledUpgradesAsync(Cancellation));
        Assert.Equal(("acme", "accounting", "2.0.0"), (stored.Upgrade.Tenant, stored.Upgrade.Module, stored.Upgrade.ToVersion));

        var cancelling = page.Find("[data-testid=cancel-schedule]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains($"will not run at {start} UTC", Dialogs.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Single(await Scheduler.ListScheduledUpgradesAsync(Cancellation)); // nothing happens before the confirmation
        await Dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await cancelling;

        page.WaitForAssertion(() => Assert.Contains("No upgrade is scheduled", page.Markup, StringComparison.Ordinal), Patience);
        var history = page.Find("[data-testid=history-table] tbody tr").TextContent;
        Assert.Contains("cancelled", history, StringComparison.Ordinal);
        Assert.Contains("Cancelled by dashboard.", history, StringComparison.Ordinal);
        Assert.Empty(await Scheduler.ListScheduledUpgradesAsync(Cancellation));
        Assert.Equal(ScheduleStatus.Cancelled, (await Scheduler.GetUpgradeScheduleAsync(stored.Id, Cancellation)).Status);
    }

    private static string Utc(TimeSpan fromNow) =>
        DateTime.UtcNow.Add(fromNow).ToString(ScheduleForm.TimeFormat, CultureInfo.InvariantCulture);
}
