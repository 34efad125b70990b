using AiBos.MigrationConsole.Components.Runs;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.Tests.Components;

public sealed class RunPageTests(PostgresServer server) : DashboardTest(server), IClassFixture<PostgresServer>
{
    [Fact]
    public void An_unknown_run_shows_the_engines_message()
    {
        var id = Guid.NewGuid();

        var page = Render<RunPage>(p => p.Add(x => x.RunId, id));

        page.WaitForAssertion(() => Assert.Contains($"Migration run {id} does not exist", page.Find("[data-testid=error-alert]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid=rollback-button]"));
    }

    [Fact]
    public async Task A_completed_run_shows_its_steps_and_offers_a_rollback()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var outcome = Assert.IsType<Completed>(await Engine.ExecuteModuleMigrationAsync("acme", "accounting", "1.0.0", "2.0.0", null, Cancellation));

        var page = Render<RunPage>(p => p.Add(x => x.RunId, outcome.RunId));

        page.WaitForAssertion(() => Assert.Equal(RunStatus.Completed, page.Find("[data-testid=run-header] [data-testid=run-status]").GetAttribute("data-status")), Patience);
        Assert.Equal("1.0.0 → 2.0.0", page.Find("[data-testid=run-versions]").TextContent.Trim());
        Assert.Equal("100 %", page.Find("[data-testid=run-progress-value]").TextContent.Trim());
        var steps = page.FindAll("[data-testid=steps-table] tbody tr");
        Assert.True(steps.Count >= 3, $"expected the backup, schema and validation steps, found {steps.Count}");
        Assert.All(page.FindAll("[data-testid=steps-table] [data-testid=run-status]"),
            chip => Assert.Contains(chip.GetAttribute("data-status"), new[] { StepStatus.Completed, StepStatus.Skipped }));
        Assert.NotEmpty(page.FindAll("[data-testid=rollback-button]"));
        Assert.Empty(page.FindAll("[data-testid=resume-button]"));
    }

    [Fact]
    public async Task A_failed_upgrade_shows_the_failed_step_and_the_rollback_path_it_took()
    {
        await Engine.RegisterModuleFolderAsync(TestPaths.Scenario("FailingValidation", "billing"), replace: false, Cancellation);
        await AddTenantAsync("acme");
        await InstallAsync("acme", "billing", "1.0.0");
        var outcome = Assert.IsType<RolledBack>(await Engine.ExecuteModuleMigrationAsync("acme", "billing", "1.0.0", "2.0.0", null, Cancellation));

        var page = Render<RunPage>(p => p.Add(x => x.RunId, outcome.RunId));

        page.WaitForAssertion(() => Assert.Equal(RunStatus.RolledBack, page.Find("[data-testid=run-header] [data-testid=run-status]").GetAttribute("data-status")), Patience);
        var summary = page.Find("[data-testid=rollback-summary]").TextContent;
        Assert.Contains("Failed step:", summary, StringComparison.Ordinal);
        Assert.Contains("Rollback path:", page.Find("[data-testid=rollback-path]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=rollback-button]"));
    }

    [Fact]
    public async Task Rolling_back_a_completed_run_asks_first_then_follows_the_rollback_run()
    {
        await RegisterSampleAsync("accounting");
        await AddTenantAsync("acme");
        await InstallAsync("acme", "accounting", "1.0.0");
        var upgrade = Assert.IsType<Completed>(await Engine.ExecuteModuleMigrationAsync("acme", "accounting", "1.0.0", "2.0.0", null, Cancellation));
        var page = Render<RunPage>(p => p.Add(x => x.RunId, upgrade.RunId));
        page.WaitForAssertion(() => page.Find("[data-testid=rollback-button]"), Patience);

        // The handler awaits the dialog and then the launch, so the click completes only after both.
        var clicking = page.Find("[data-testid=rollback-button]").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("from 2.0.0 to 1.0.0", Dialogs.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal), Patience);
        await Dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await clicking;

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        AssertNoErrorShown(page);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(navigation.Uri, "/runs/[0-9a-f-]{36}$"),
            $"expected the page to follow the rollback run, it is at {navigation.Uri}; snackbars: {Snackbars.Markup}");
        var rollbackId = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        Assert.NotEqual(upgrade.RunId, rollbackId);
        await TestEngine.WaitUntilAsync(async () => !RunStatus.IsActive((await Engine.GetMigrationAsync(rollbackId, Cancellation)).Status), Patience, "the rollback run finished");
        var rollback = await Engine.GetMigrationAsync(rollbackId, Cancellation);
        Assert.Equal((RunKind.Rollback, RunStatus.Completed, upgrade.RunId), (rollback.Kind, rollback.Status, rollback.RollbackOf));
        Assert.Equal(RunStatus.RolledBack, (await Engine.GetMigrationAsync(upgrade.RunId, Cancellation)).Status);
    }
}
