using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

/// <summary>
/// A run killed after its customization step committed (here: in the validation step, whose query sleeps) is rolled back
/// by another process from what the step persisted alone: every document returns to its exact pre-run content.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CustomizationCrashTests(PostgresServer server)
{
    [Fact]
    public async Task a_run_killed_after_adapting_customizations_is_recovered_with_every_document_as_it_was()
    {
        await using var t = await CustomizedTenant.StartAsync(server, "SlowCustomizedBilling");
        var documentsBefore = await CustomizedTenant.DocumentsAsync(t);
        var tablesBefore = await t.SnapshotAsync(CustomizedTenant.Tenant);

        using var child = ChildEngine.Start(t, "migrate", CustomizedTenant.Tenant, "billing", "1.0.0", "2.0.0", "true");
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()") == 1,
            TimeSpan.FromSeconds(60), "the child is in the validation step's slow query");
        // The customization step has committed: the documents are adapted to 2.0.0.
        var adapted = await CustomizedTenant.ContentsAsync(t);
        Assert.StartsWith("2.0.0 {\"title\":\"Region\"", adapted["custom_field/region"], StringComparison.Ordinal);
        child.Kill(entireProcessTree: true); // SIGKILL: nothing of the child's memory survives
        await child.WaitForExitAsync();
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0,
            TimeSpan.FromSeconds(10), "the killed run's tenant lock is gone");

        await using var next = t.Sibling();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the heartbeat goes stale
        var recovered = Assert.Single(await next.Engine.RecoverAbandonedRunsAsync(CancellationToken.None));

        Assert.IsType<RolledBack>(recovered.Outcome);
        var run = await next.Engine.GetMigrationAsync(recovered.RunId, CancellationToken.None);
        Assert.Equal(StepStatus.RolledBack, run.MigrationSteps.Single(s => s.Kind == "customization").Status);
        Assert.Contains("stopped during step validation", run.Error);
        Assert.Equal(documentsBefore, await CustomizedTenant.DocumentsAsync(t));
        tablesBefore.ShouldEqual(await t.SnapshotAsync(CustomizedTenant.Tenant));
        Assert.Empty(await next.Engine.ListQuarantinedCustomizationsAsync(CustomizedTenant.Tenant, "billing", CancellationToken.None));
    }
}
