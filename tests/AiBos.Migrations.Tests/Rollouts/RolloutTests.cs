using AiBos.Migrations.Execution;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tests.Infrastructure;
using static AiBos.Migrations.Tests.Rollouts.RolloutSetup;

namespace AiBos.Migrations.Tests.Rollouts;

/// <summary>One upgrade across many tenants: canary, waves, concurrency, failure limit, skipped tenants.</summary>
public sealed class RolloutTests(PostgresServer server)
{
    private static readonly string[] Five = ["t1", "t2", "t3", "t4", "t5"];

    [Fact]
    public async Task a_rollout_over_five_tenants_with_a_canary_and_concurrency_two_upgrades_all_with_at_most_two_at_once()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "1.0.0", Five);

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0")
        {
            Policy = new RolloutPolicy { Canary = 1, WaveSize = 10, Concurrency = 2, MaxFailures = 1 },
        }, "ops-alice", CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        Assert.Equal(new RolloutCounts(5, 0, 0, 5, 0, 0, 0, 0), outcome.Rollout.Counts);
        Assert.Equal("ops-alice", outcome.Rollout.Summary.RequestedBy);
        Assert.Equal(Five, outcome.Rollout.Tenants.Select(x => x.Tenant));
        Assert.Equal([0, 1, 1, 1, 1], outcome.Rollout.Tenants.Select(x => x.Wave!.Value));
        foreach (var tenant in Five) Assert.Equal("2.0.0", await VersionAsync(t, tenant, "accounting"));

        // Each tenant's row names the run that upgraded it; the runs say who asked, and for which rollout.
        var runs = await UpgradeRunsAsync(t, "accounting");
        Assert.Equal(5, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.All(runs, r => Assert.Equal($"ops-alice (rollout {outcome.Rollout.Id})", r.RequestedBy));
        Assert.Equal(runs.Select(r => r.Id).Order(), outcome.Rollout.Tenants.Select(x => x.RunId!.Value).Order());

        // The canary ran alone: it finished before any other run started.
        var canary = runs.Single(r => r.Tenant == "t1");
        Assert.All(runs.Where(r => r != canary), r => Assert.True(r.StartedAt >= canary.FinishedAt, $"{r.Tenant} started before the canary finished"));
        // Afterwards never more than two at once, and really two at once at least once.
        var overlaps = runs.Select(r => runs.Count(o => o.StartedAt <= r.StartedAt && r.StartedAt < o.FinishedAt)).ToList();
        Assert.Equal(2, overlaps.Max());
    }

    [Fact]
    public async Task a_failing_canary_stops_the_rollout_before_any_other_tenant_starts()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await InstallOnAsync(t, "billing", "1.0.0", "t1", "t2", "t3", "t4"); // every tenant has invoices: the upgrade's validation fails

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("billing", "2.0.0")
        {
            Policy = new RolloutPolicy { Canary = 1, Concurrency = 3, MaxFailures = 10 },
        }, "ops", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(RolloutStatus.StoppedByFailures, outcome.Status);
        Assert.Equal("Canary tenant 't1' failed, so no other tenant was started.", outcome.Rollout.Summary.StopReason);
        var canary = outcome.Rollout.Tenants[0];
        Assert.Equal(RolloutTenantStatus.RolledBack, canary.Status);
        Assert.Contains("Step validation failed and the run was rolled back", canary.Reason);
        Assert.All(outcome.Rollout.Tenants.Skip(1), x =>
        {
            Assert.Equal(RolloutTenantStatus.NotStarted, x.Status);
            Assert.Null(x.RunId);
            Assert.Null(x.StartedAt);
            Assert.StartsWith("Not started: Canary tenant 't1' failed", x.Reason);
        });
        Assert.Equal("t1", Assert.Single(await UpgradeRunsAsync(t, "billing")).Tenant);
        Assert.Equal("1.0.0", await VersionAsync(t, "t1", "billing"));
    }

    [Fact]
    public async Task reaching_the_failure_limit_stops_starting_new_tenants()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        string[] tenants = ["t1", "t2", "t3", "t4", "t5", "t6"];
        await InstallOnAsync(t, "billing", "1.0.0", tenants);
        // The upgrade fails on tenants with invoices: t2 and t4 keep theirs.
        foreach (var tenant in new[] { "t1", "t3", "t5", "t6" }) await t.ExecuteAsync($"DELETE FROM tenant_{tenant}.invoices");

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("billing", "2.0.0")
        {
            Policy = new RolloutPolicy { Canary = 1, WaveSize = 2, Concurrency = 1, MaxFailures = 2 },
        }, "ops", CancellationToken.None);

        Assert.Equal(RolloutStatus.StoppedByFailures, outcome.Status);
        Assert.Equal("2 tenant(s) failed, reaching the limit of 2.", outcome.Rollout.Summary.StopReason);
        Assert.Equal(
            [RolloutTenantStatus.Completed, RolloutTenantStatus.RolledBack, RolloutTenantStatus.Completed, RolloutTenantStatus.RolledBack,
             RolloutTenantStatus.NotStarted, RolloutTenantStatus.NotStarted],
            outcome.Rollout.Tenants.Select(x => x.Status));
        Assert.Equal(new RolloutCounts(6, 0, 0, 2, 2, 0, 0, 2), outcome.Rollout.Counts);
        Assert.Equal(["t1", "t2", "t3", "t4"], (await UpgradeRunsAsync(t, "billing")).Select(r => r.Tenant));
        Assert.Equal("1.0.0", await VersionAsync(t, "t5", "billing"));
    }

    [Fact]
    public async Task tenants_already_upgraded_or_without_the_module_are_skipped_and_each_run_starts_from_the_tenants_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "2.0.0", "done");
        await t.CreateTenantAsync("bare");
        await InstallOnAsync(t, "accounting", "1.1.0", "middle");
        await InstallOnAsync(t, "accounting", "1.0.0", "old");

        var outcome = await t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0") { Tenants = ["done", "bare", "middle", "old"] },
            null, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(RolloutStatus.Completed, outcome.Status);
        var byTenant = outcome.Rollout.Tenants.ToDictionary(x => x.Tenant);
        Assert.Equal((RolloutTenantStatus.Skipped, "Already at 2.0.0.", (int?)null), (byTenant["done"].Status, byTenant["done"].Reason, byTenant["done"].Wave));
        Assert.Equal((RolloutTenantStatus.Skipped, "Module 'accounting' is not installed on this tenant."), (byTenant["bare"].Status, byTenant["bare"].Reason));
        // The canary is the first tenant with something to do.
        Assert.Equal((RolloutTenantStatus.Completed, "1.1.0", (int?)0), (byTenant["middle"].Status, byTenant["middle"].FromVersion, byTenant["middle"].Wave));
        Assert.Equal((RolloutTenantStatus.Completed, "1.0.0", (int?)1), (byTenant["old"].Status, byTenant["old"].FromVersion, byTenant["old"].Wave));
        Assert.Equal(new RolloutCounts(4, 0, 0, 2, 0, 2, 0, 0), outcome.Rollout.Counts);
        var runs = await UpgradeRunsAsync(t, "accounting");
        Assert.Equal([("middle", "1.1.0"), ("old", "1.0.0")], runs.Select(r => (r.Tenant, r.FromVersion)));
        Assert.Equal("Module 'accounting' is not installed on this tenant.", byTenant["bare"].Reason);
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_bare.aibos_module_versions"));
    }

    [Fact]
    public async Task bad_input_is_refused_with_every_problem_named_and_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "1.0.0", "acme");

        var everything = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "9.9.9")
        {
            Tenants = ["acme", "ghost", "x; DROP SCHEMA tenant_acme CASCADE"],
            Policy = new RolloutPolicy { Canary = -1, WaveSize = 0, Concurrency = 99, MaxFailures = 0, NotAfter = DateTimeOffset.UtcNow.AddMinutes(-5) },
            Options = new MigrationOptions { BatchSize = 0, RollbackVersion = "1.0.0" },
        }, "ops", CancellationToken.None));
        Assert.Equal(
        [
            "Version 9.9.9 of module 'accounting' is not registered. Registered versions: 1.0.0, 1.1.0, 2.0.0.",
            "The tenant key 'x; DROP SCHEMA tenant_acme CASCADE' may hold only lower-case letters, digits and underscores, starting with a letter.",
            "Tenant 'ghost' is not registered: check the keys, or register the tenants first.",
            "The canary count -1 is out of range: use 0 (no canary) to 100.",
            "The wave size 0 is out of range: use 1 to 10,000.",
            "The concurrency 99 is out of range: use 1 to 32 tenants at the same time.",
            "The failure limit 0 is out of range: use 1 or more (1 stops at the first failure).",
        ], everything.Problems.Take(7));
        Assert.Contains(everything.Problems, p => p.StartsWith("The window end ", StringComparison.Ordinal) && p.EndsWith("has already passed: give a later time.", StringComparison.Ordinal));
        Assert.Contains("A rollback version cannot be given to a rollout: each tenant's run returns to the version that tenant started from.", everything.Problems);
        Assert.Contains("The batch size 0 is out of range: use 1 to 1,000,000.", everything.Problems);

        var unknownModule = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.StartRolloutAsync(new RolloutRequest("payroll", "2.0.0"), "ops", CancellationToken.None));
        Assert.Equal(["Module 'payroll' is not registered: register its migrations first."], unknownModule.Problems);
        var hostileModule = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.StartRolloutAsync(new RolloutRequest("acc\"; --", "x.y"), "ops", CancellationToken.None));
        Assert.Equal(2, hostileModule.Problems.Count);
        var emptyList = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.StartRolloutAsync(new RolloutRequest("accounting", "2.0.0") { Tenants = [] }, "ops", CancellationToken.None));
        Assert.Equal(["The tenant list is empty: name at least one tenant, or leave the list out to upgrade every tenant."], emptyList.Problems);

        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.rollouts"));
        Assert.Empty(await UpgradeRunsAsync(t, "accounting"));
        Assert.Equal("1.0.0", await VersionAsync(t, "acme", "accounting"));
        Assert.Empty(await t.Engine.ListRolloutsAsync(new RolloutFilter(), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.GetRolloutAsync(Guid.NewGuid(), CancellationToken.None));
    }
}
