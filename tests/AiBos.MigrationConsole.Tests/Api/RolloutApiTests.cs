using System.Net;
using System.Text.Json.Nodes;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class RolloutApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rollout_over_three_tenants_answers_202_with_its_id_and_completes_in_the_background()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        string[] tenants = ["acme", "globex", "initech"];
        foreach (var tenant in tenants)
        {
            await api.AddTenantAsync(tenant);
            await api.InstallAsync(tenant, "accounting", "1.0.0");
        }

        var started = await api.Client.PostJsonAsync("/api/v1/rollouts", new
        {
            module = "accounting", version = "2.0.0", tenants, canary = 1, waveSize = 2, concurrency = 2, maxFailures = 1,
            options = new { batchSize = 500 },
        });
        var location = started.Response.Headers.Location?.ToString();
        var rollout = await WaitForRolloutAsync(api, location!);
        var listed = await api.Client.GetJsonAsync("/api/v1/rollouts?module=accounting&status=completed&limit=5");
        var resumeEnded = await api.Client.PostJsonAsync($"{location}/resume");

        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body?.ToJsonString());
        var id = started.Body!["rolloutId"]!.GetValue<string>();
        Assert.Equal($"/api/v1/rollouts/{id}", location);
        Assert.Equal("completed", rollout["status"]!.GetValue<string>());
        Assert.Equal(("2.0.0", "api", 3, 3), (rollout["targetVersion"]!.GetValue<string>(), rollout["requestedBy"]!.GetValue<string>(),
            rollout["counts"]!["total"]!.GetValue<int>(), rollout["counts"]!["completed"]!.GetValue<int>()));
        Assert.Equal((1, 2), (rollout["policy"]!["canary"]!.GetValue<int>(), rollout["policy"]!["waveSize"]!.GetValue<int>()));
        var rows = rollout["tenants"]!.AsArray();
        Assert.Equal(tenants, rows.Select(t => t!["tenant"]!.GetValue<string>()));
        Assert.Equal(0, rows[0]!["wave"]!.GetValue<int>());
        foreach (var row in rows)
        {
            Assert.Equal(("completed", "1.0.0"), (row!["status"]!.GetValue<string>(), row["fromVersion"]!.GetValue<string>()));
            var run = (await api.Client.GetJsonAsync(row["runLocation"]!.GetValue<string>())).Body!;
            Assert.Equal(("completed", "2.0.0"), (run["status"]!.GetValue<string>(), run["toVersion"]!.GetValue<string>()));
        }
        var summary = Assert.Single(listed.Body!.AsArray())!;
        Assert.Equal(id, summary["id"]!.GetValue<string>());
        Assert.Null(summary["tenants"]);
        Assert.Contains("completed", resumeEnded.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        foreach (var tenant in tenants) await api.AssertVersionAsync(tenant, "accounting", "2.0.0");
    }

    [Fact]
    public async Task Wait_true_answers_with_the_outcome_and_a_second_rollout_skips_the_tenants_already_upgraded()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");

        var first = await api.Client.PostJsonAsync("/api/v1/rollouts?wait=true", new { module = "accounting", version = "1.1.0" });
        var second = await api.Client.PostJsonAsync("/api/v1/rollouts?wait=true", new { module = "accounting", version = "1.1.0" });

        Assert.True(first.Status == HttpStatusCode.OK, first.Body?.ToJsonString());
        Assert.Equal(("completed", true), (first.Body!["outcome"]!.GetValue<string>(), first.Body["succeeded"]!.GetValue<bool>()));
        Assert.Equal("completed", Assert.Single(first.Body["rollout"]!["tenants"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.Body!["succeeded"]!.GetValue<bool>());
        Assert.Equal("skipped", Assert.Single(second.Body["rollout"]!["tenants"]!.AsArray())!["status"]!.GetValue<string>());
        Assert.Equal(2, (await api.Client.GetJsonAsync("/api/v1/rollouts")).Body!.AsArray().Count);
    }

    [Fact]
    public async Task A_bad_rollout_request_is_400_naming_every_problem_and_unknown_ids_are_404()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");

        var bad = await api.Client.PostJsonAsync("/api/v1/rollouts", new { module = "accounting", version = "9.9.9", tenants = new[] { "nobody" }, concurrency = 0 });
        var noModule = await api.Client.PostJsonAsync("/api/v1/rollouts", new { version = "1.0.0" });
        var badWait = await api.Client.PostJsonAsync("/api/v1/rollouts?wait=maybe", new { module = "accounting", version = "1.0.0" });
        var badStatus = await api.Client.GetJsonAsync("/api/v1/rollouts?status=exploded");
        var unknown = $"/api/v1/rollouts/{Guid.NewGuid()}";

        bad.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        var problems = bad.Body!["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.True(problems.Count >= 3, string.Join(" | ", problems));
        Assert.Contains(problems, p => p.Contains("9.9.9", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nobody", StringComparison.Ordinal));
        noModule.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        badWait.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        badStatus.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        (await api.Client.GetJsonAsync(unknown)).AssertProblem(HttpStatusCode.NotFound, "not-found");
        (await api.Client.PostJsonAsync($"{unknown}/resume")).AssertProblem(HttpStatusCode.NotFound, "not-found");
        (await api.Client.GetJsonAsync("/api/v1/rollouts/latest")).AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/rollouts")).Body!.AsArray());
    }

    /// <summary>Polls the rollout until it is no longer running (generous: the machine may be loaded).</summary>
    private static async Task<JsonNode> WaitForRolloutAsync(ApiScenario api, string location)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var (status, rollout, _) = await api.Client.GetJsonAsync(location);
            Assert.Equal(HttpStatusCode.OK, status);
            if (rollout!["status"]!.GetValue<string>() != "running") return rollout;
            Assert.True(DateTime.UtcNow < deadline, $"Rollout {location} still running after the deadline: {rollout.ToJsonString()}");
            await Task.Delay(200, Ct);
        }
    }
}
