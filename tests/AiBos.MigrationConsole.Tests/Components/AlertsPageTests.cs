using AiBos.MigrationConsole.Components.Alerts;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class AlertsPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void Without_alerts_the_page_says_how_to_get_them()
    {
        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Contains("Turn on the events to be told about above and save", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Never saved", page.Find("[data-testid=alert-settings-updated]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=no-webhooks]"));
        AssertNoErrorShown(page);
    }

    [Fact]
    public async Task Settings_are_saved_and_read_back()
    {
        var page = Render<AlertsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=save-alerts]"), Patience);

        await page.Find("input[data-testid=alert-on-failure]").ChangeAsync(new() { Value = true });
        await page.Find("input[data-testid=alert-on-rollback]").ChangeAsync(new() { Value = true });
        await page.Find("input[data-testid=webhook-input]").ChangeAsync(new() { Value = "https://hooks.example.com/aibos" });
        await page.Find("[data-testid=add-webhook]").ClickAsync(new());
        await page.Find("input[data-testid=webhook-input]").ChangeAsync(new() { Value = "https://pager.example.com/alerts" });
        await page.Find("[data-testid=add-webhook]").ClickAsync(new());
        await page.Find("[data-testid=save-alerts]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("by dashboard", page.Find("[data-testid=alert-settings-updated]").TextContent, StringComparison.Ordinal), Patience);
        AssertNoErrorShown(page);
        var saved = await Engine.GetAlertSettingsAsync(Cancellation);
        Assert.Equal((false, false, true, true), (saved.OnMigrationStart, saved.OnMigrationComplete, saved.OnMigrationFailure, saved.OnRollback));
        Assert.Equal(["https://hooks.example.com/aibos", "https://pager.example.com/alerts"], saved.Webhooks);

        // A fresh page reads the same settings back.
        var again = Render<AlertsPage>();
        again.WaitForAssertion(() => Assert.Equal(2, again.FindAll("[data-testid=webhook]").Count), Patience);
        Assert.Equal(["https://hooks.example.com/aibos", "https://pager.example.com/alerts"], again.FindAll("[data-testid=webhook]").Select(w => w.TextContent.Trim()));
        Assert.Equal([false, false, true, true], new[] { "alert-on-start", "alert-on-complete", "alert-on-failure", "alert-on-rollback" }
            .Select(testId => again.Find($"input[data-testid={testId}]").HasAttribute("checked")));
    }

    [Fact]
    public async Task A_webhook_that_is_not_an_address_is_refused_with_what_to_fix_and_nothing_is_saved()
    {
        var page = Render<AlertsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=add-webhook]"), Patience);

        await page.Find("input[data-testid=webhook-input]").ChangeAsync(new() { Value = "hooks.example.com" });
        await page.Find("[data-testid=add-webhook]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("is not an absolute http:// or https:// address", page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=webhook]"));
        Assert.Null((await Engine.GetAlertSettingsAsync(Cancellation)).UpdatedAt);
    }
}
