using AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;
using AiBos.Migrations.Backups;
using static Microsoft.Playwright.Assertions;

namespace AiBos.MigrationConsole.EndToEnd.Tests;

public sealed class RestoreInBrowserTests(DashboardInBrowser dashboard)
{
    [Fact]
    public async Task A_restore_through_the_form_states_the_rows_it_discards_and_needs_them_confirmed()
    {
        await dashboard.AddTenantAsync("e2e_restore");
        await dashboard.InstallAsync("e2e_restore", "accounting", "1.0.0");
        await dashboard.ExecuteAsync("INSERT INTO tenant_e2e_restore.ledger_entries (account_code, amount, description) VALUES ('1000-CASH', 100.00, 'Opening balance')");
        await dashboard.Engine.CreateMigrationBackupAsync("e2e_restore", "accounting", null, BackupType.Full, "e2e", CancellationToken.None);
        await dashboard.ExecuteAsync("INSERT INTO tenant_e2e_restore.ledger_entries (account_code, amount, description) VALUES ('9999-SUSPENSE', 1234.56, 'Booked by mistake')");
        var errors = new List<string>();
        var page = await dashboard.OpenPageAsync(errors);
        await DashboardInBrowser.GoToAsync(page, "backups?tenant=e2e_restore");

        await page.GetByTestId("restore-button").ClickAsync();
        await Expect(page.GetByTestId("restore-discard-warning")).ToContainTextAsync("1 row(s) that the tenant has now are not in the backup and would be lost");
        await Expect(page.GetByTestId("restore-submit")).ToBeDisabledAsync();
        await page.GetByText("I understand that 1 row(s) will be lost").ClickAsync();
        await Expect(page.GetByTestId("restore-submit")).ToBeEnabledAsync();
        await page.GetByTestId("restore-submit").ClickAsync();

        await Expect(page.GetByTestId("restore-result")).ToContainTextAsync("verified against the backup's manifest", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("restore-verified").Locator(".mud-list-item").First).ToBeVisibleAsync();
        Assert.Equal(0, await dashboard.CountAsync("SELECT count(*) FROM tenant_e2e_restore.ledger_entries WHERE account_code = '9999-SUSPENSE'"));
        Assert.Equal(1, await dashboard.CountAsync("SELECT count(*) FROM tenant_e2e_restore.ledger_entries"));
        await page.GetByTestId("restore-close").ClickAsync();
        await Expect(page.GetByTestId("restore-dialog")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
