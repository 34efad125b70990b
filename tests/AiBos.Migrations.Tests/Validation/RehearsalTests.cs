using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Validation;

namespace AiBos.Migrations.Tests.Validation;

/// <summary>A rehearsal proves the plan and its rollback on a copy, and never touches the tenant.</summary>
public sealed class RehearsalTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ValidationOptions Rehearse = new(Rehearse: true);

    [Fact]
    public async Task a_correct_migration_round_trips_and_the_tenant_is_untouched()
    {
        await using var t = await StartAsync("accounting", samples: true);
        var before = await t.SnapshotAsync("acme");

        var report = await t.Engine.ValidateMigrationAsync("acme", "accounting", "1.0.0", "2.0.0", Rehearse, None);

        var rehearsal = report.Rehearsal!;
        Assert.True(rehearsal.ForwardSucceeded, rehearsal.Failure);
        Assert.True(rehearsal.RoundTripHeld, string.Join("\n", rehearsal.Differences));
        Assert.True(rehearsal.RowsCopied > 0);
        Assert.Contains(rehearsal.Steps, s => s.Name == "up accounting:2.0.0/001_add_ai_insights.sql" && s.Succeeded);
        Assert.Contains(rehearsal.Steps, s => s.Name == "down accounting:2.0.0/001_add_ai_insights.sql" && s.Succeeded);
        Assert.Contains(rehearsal.Steps, s => s.Name == "validation queries" && s.Succeeded);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        await AssertNoScratchAsync(t);
    }

    [Fact]
    public async Task a_down_sql_that_forgets_an_index_breaks_the_round_trip_naming_the_index()
    {
        await using var t = await StartAsync("LeakyDown", samples: false);
        var before = await t.SnapshotAsync("acme");

        var report = await t.Engine.ValidateMigrationAsync("acme", "billing", "1.0.0", "2.0.0", new ValidationOptions(Rehearse: true, SampleRows: 5), None);

        var rehearsal = report.Rehearsal!;
        Assert.True(rehearsal.ForwardSucceeded);
        Assert.False(rehearsal.RoundTripHeld);
        Assert.Contains(rehearsal.Differences, d => d.StartsWith("unexpected index idx_invoices_issued_on", StringComparison.Ordinal));
        Assert.Equal(5, rehearsal.RowsCopied);
        Assert.Contains(report.Warnings, w => w.Contains("idx_invoices_issued_on", StringComparison.Ordinal));
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        await AssertNoScratchAsync(t);
    }

    [Fact]
    public async Task a_rehearsal_whose_plan_fails_reports_it_and_leaves_nothing_behind()
    {
        await using var t = await StartAsync("FailingSecondFile", samples: false);
        var before = await t.SnapshotAsync("acme");

        var report = await t.Engine.ValidateMigrationAsync("acme", "billing", "1.0.0", "2.0.0", Rehearse, None);

        Assert.False(report.IsValid);
        Assert.False(report.Rehearsal!.ForwardSucceeded);
        Assert.Contains("division by zero", report.Rehearsal.Failure);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        await AssertNoScratchAsync(t);
    }

    [Fact]
    public async Task a_cancelled_rehearsal_leaves_nothing_behind()
    {
        await using var t = await StartAsync("SlowMigration", samples: false);
        var before = await t.SnapshotAsync("acme");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            t.Engine.ValidateMigrationAsync("acme", "billing", "1.0.0", "2.0.0", Rehearse, cancel.Token));

        before.ShouldEqual(await t.SnapshotAsync("acme"));
        await AssertNoScratchAsync(t);
    }

    private static async Task AssertNoScratchAsync(TestEngine t) =>
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_rh_%' OR nspname LIKE 'aibos_ref_%'") == 0,
            TimeSpan.FromSeconds(5), "no scratch schema remains");

    private async Task<TestEngine> StartAsync(string moduleOrScenario, bool samples)
    {
        var t = await TestEngine.StartAsync(server);
        var module = samples ? moduleOrScenario : "billing";
        if (samples) await t.RegisterSamplesAsync(moduleOrScenario);
        else await t.RegisterScenarioAsync(moduleOrScenario, "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", module, "1.0.0");
        if (samples) await t.LoadDemoDataAsync("acme", module);
        return t;
    }
}
