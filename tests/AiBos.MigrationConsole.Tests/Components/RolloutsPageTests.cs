using AiBos.MigrationConsole.Components.Rollouts;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class RolloutsPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void Without_modules_and_rollouts_the_page_says_what_to_do()
    {
        var page = Render<RolloutsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=empty-state]").Count), Patience);
        Assert.Contains("A rollout needs a registered module and tenants", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Start one with the form above, or with the CLI's start-rollout", page.Markup, StringComparison.Ordinal);
        AssertNoErrorShown(page);
    }

    [Fact]
    public async Task Chosen_tenants_without_a_tenant_are_refused_with_what_to_fix_and_nothing_starts()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        var page = RenderAt<RolloutsPage>("rollouts?module=accounting");
        page.WaitForAssertion(() => page.Find("[data-testid=start-rollout]"), Patience);

        await page.Find("input[data-testid=rollout-all-tenants]").ChangeAsync(new() { Value = false });
        await page.Find("[data-testid=start-rollout]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Choose at least one tenant, or target all tenants.", page.Find("[data-testid=form-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(Dialogs.FindAll("[data-testid=confirm-dialog]"));
        Assert.Empty(await Engine.ListRolloutsAsync(new RolloutFilter(), Cancellation));
    }

    [Fact]
    public async Task A_rollout_started_from_the_form_shows_its_tenants_completed_on_its_page()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await AddTenantAsync("globex");
        await InstallAsync("acme", "accounting", "1.0.0");
        await InstallAsync("globex", "accounting", "1.0.0");
        var page = RenderAt<RolloutsPage>("rollouts?module=accounting");
        page.WaitForAssertion(() => page.Find("[data-testid=start-rollout]"), Patience);

        var starting = page.Find("[data-testid=start-rollout]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("accounting goes to 2.0.0 on 2 tenant(s) (2 of them have an older version installed now",
            Dialogs.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(await Engine.ListRolloutsAsync(new RolloutFilter(), Cancellation)); // nothing starts before the confirmation
        await Dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await starting;
        AssertNoErrorShown(page);

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/rollouts/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var id = Guid.Parse(navigation.Uri[^36..]);
        var detail = Render<RolloutPage>(p => p.Add(x => x.Id, id));

        detail.WaitForAssertion(() => Assert.Equal(["completed", "completed"],
            detail.FindAll("[data-testid=rollout-tenants-table] [data-testid=run-status]").Select(chip => chip.GetAttribute("data-status"))), Patience);
        detail.WaitForAssertion(() => Assert.Equal("completed", detail.Find("[data-testid=rollout-status]").GetAttribute("data-status")), Patience);
        var rows = detail.FindAll("[data-testid=rollout-tenants-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("acme", rows[0], StringComparison.Ordinal);
        Assert.Contains("canary", rows[0], StringComparison.Ordinal);
        Assert.Contains("globex", rows[1], StringComparison.Ordinal);
        Assert.All(rows, row => Assert.Contains("1.0.0", row, StringComparison.Ordinal));
        Assert.Equal(2, detail.FindAll("[data-testid=tenant-run-link]").Count);
        Assert.Contains("2/2 completed", detail.Find("[data-testid=rollout-counts]").TextContent, StringComparison.Ordinal);
        AssertNoErrorShown(detail);

        var rollout = await Engine.GetRolloutAsync(id, Cancellation);
        Assert.Equal(("accounting", "2.0.0", "dashboard"), (rollout.Summary.Module, rollout.Summary.TargetVersion, rollout.Summary.RequestedBy));
        Assert.All(rollout.Tenants, t => Assert.Equal(RolloutTenantStatus.Completed, t.Status));
    }
}
