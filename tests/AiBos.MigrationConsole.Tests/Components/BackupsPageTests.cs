using AiBos.MigrationConsole.Components.Backups;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class BackupsPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void Without_backups_the_page_says_how_to_get_one()
    {
        var page = Render<BackupsPage>();

        page.WaitForAssertion(() => Assert.Contains("Take one by hand with Create backup", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_restore_that_would_lose_rows_states_how_many_and_needs_the_box_ticked()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        await LoadDemoDataAsync("acme", "accounting");
        await Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, "test", Cancellation);
        var rowsAtBackup = await CountAsync("SELECT count(*) FROM tenant_acme.ledger_entries");
        await ExecuteAsync("""
            INSERT INTO tenant_acme.ledger_entries (account_code, amount, description)
            VALUES ('9999-SUSPENSE', 1234.56, 'Booked by mistake'), ('9999-SUSPENSE', 10.00, 'Booked twice')
            """);
        var page = Render<BackupsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=restore-button]"), Patience);

        // The handler awaits the dialog, so the click completes only when the dialog closes.
        var opening = page.Find("[data-testid=restore-button]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Contains("2 row(s) that the tenant has now are not in the backup and would be lost",
            Dialogs.Find("[data-testid=restore-discard-warning]").TextContent, StringComparison.Ordinal), Patience);
        Assert.True(Dialogs.Find("[data-testid=restore-submit]").HasAttribute("disabled"));
        Assert.Equal(rowsAtBackup + 2, await CountAsync("SELECT count(*) FROM tenant_acme.ledger_entries"));

        await Dialogs.Find("input[data-testid=restore-confirm-discard]").ChangeAsync(new() { Value = true });
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.Find("[data-testid=restore-submit]").HasAttribute("disabled")), Patience);
        await Dialogs.Find("[data-testid=restore-submit]").ClickAsync(new());
        AssertNoErrorShown(page);

        Dialogs.WaitForAssertion(() => Assert.Contains("verified against the backup's manifest", Dialogs.Find("[data-testid=restore-result]").TextContent, StringComparison.Ordinal), Patience);
        Assert.NotEmpty(Dialogs.FindAll("[data-testid=restore-verified] .mud-list-item"));
        Assert.Equal(rowsAtBackup, await CountAsync("SELECT count(*) FROM tenant_acme.ledger_entries"));
        await Dialogs.Find("[data-testid=restore-close]").ClickAsync(new());
        await opening;
    }

    [Fact]
    public async Task A_restore_that_loses_nothing_needs_no_extra_confirmation()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        await LoadDemoDataAsync("acme", "accounting");
        await Engine.CreateMigrationBackupAsync("acme", "accounting", null, BackupType.Full, "test", Cancellation);
        var page = Render<BackupsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=restore-button]"), Patience);

        var opening = page.Find("[data-testid=restore-button]").ClickAsync(new());

        Dialogs.WaitForAssertion(() => Assert.Contains("No row would be lost", Dialogs.Find("[data-testid=restore-dialog]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(Dialogs.FindAll("[data-testid=restore-confirm-discard]"));
        Assert.False(Dialogs.Find("[data-testid=restore-submit]").HasAttribute("disabled"));
        await Dialogs.Find("[data-testid=restore-cancel]").ClickAsync(new());
        await opening;
    }
}
