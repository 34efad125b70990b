using System.Diagnostics;
using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class MigrationApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Validate_previews_the_upgrade_and_execute_answers_202_then_completes_it_in_the_background()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        await api.LoadDemoDataAsync("acme", "accounting");
        var upgrade = new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "2.0.0" };

        var preview = await api.Client.PostJsonAsync("/api/v1/migrations/validate", upgrade);
        var started = await api.Client.PostJsonAsync("/api/v1/migrations", new
        {
            upgrade.tenant, upgrade.module, upgrade.fromVersion, upgrade.toVersion,
            options = new { rollbackOnFailure = true, batchSize = 500, backupType = "full" },
        });
        var location = started.Response.Headers.Location?.ToString();
        var run = await api.Client.WaitForRunAsync(location!);
        var listed = await api.Client.GetJsonAsync("/api/v1/migrations?tenant=acme&module=accounting&status=completed&limit=1");

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.True(preview.Body!["isValid"]!.GetValue<bool>(), preview.Body.ToJsonString());
        Assert.Equal("1.0.0", preview.Body["compatibility"]!["actualVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var runId = started.Body!["runId"]!.GetValue<string>();
        Assert.Equal($"/api/v1/migrations/{runId}", location);
        Assert.Equal("/hubs/runs", started.Body["hub"]!.GetValue<string>());
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal("upgrade", run["kind"]!.GetValue<string>());
        Assert.Equal("api", run["requestedBy"]!.GetValue<string>());
        Assert.NotEmpty(run["steps"]!.AsArray());
        Assert.All(run["steps"]!.AsArray(), s => Assert.Equal("completed", s!["status"]!.GetValue<string>()));
        Assert.Equal(runId, Assert.Single(listed.Body!.AsArray())!["id"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "accounting", "2.0.0");
    }

    [Fact]
    public async Task An_upgrade_whose_validation_query_fails_rolls_back_and_wait_true_reports_it()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("FailingValidation", "billing"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "billing", "1.0.0");

        var answer = await api.Client.PostJsonAsync("/api/v1/migrations?wait=true",
            new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "2.0.0" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("rolled-back", answer.Body!["outcome"]!.GetValue<string>());
        Assert.Equal("validation", answer.Body["step"]!.GetValue<string>());
        Assert.Contains("due_date IS NULL", answer.Body["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("rolled-back", answer.Body["run"]!["status"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "billing", "1.0.0");
        Assert.Equal(0L, await api.CountAsync("information_schema.columns WHERE table_schema = 'tenant_acme' AND column_name = 'due_date'"));
    }

    [Fact]
    public async Task A_run_held_after_a_failure_is_resumed_in_the_background_once_its_cause_is_fixed()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("FailingValidation", "billing"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "billing", "1.0.0");

        var failed = await api.Client.PostJsonAsync("/api/v1/migrations?wait=true",
            new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "2.0.0", options = new { rollbackOnFailure = false } });
        var runId = failed.Body!["runId"]!.GetValue<string>();
        await api.ExecuteSqlAsync("UPDATE tenant_acme.invoices SET due_date = issued_on + 30");
        var resumed = await api.Client.PostJsonAsync($"/api/v1/migrations/{runId}/resume");
        var run = await api.Client.WaitForRunAsync(resumed.Response.Headers.Location!.ToString());

        Assert.Equal("failed", failed.Body["outcome"]!.GetValue<string>());
        Assert.Equal("validation", failed.Body["step"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, resumed.Status);
        Assert.Equal(runId, resumed.Body!["runId"]!.GetValue<string>());
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "billing", "2.0.0");
    }

    [Fact]
    public async Task A_finished_run_is_rolled_back_by_a_run_of_its_own_and_cannot_be_rolled_back_twice()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        var upgrade = await api.Client.PostJsonAsync("/api/v1/migrations?wait=true",
            new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "1.1.0" });
        var upgradeId = upgrade.Body!["runId"]!.GetValue<string>();

        var rollback = await api.Client.PostJsonAsync($"/api/v1/migrations/{upgradeId}/rollback");
        var rollbackRun = await api.Client.WaitForRunAsync(rollback.Response.Headers.Location!.ToString());
        var undone = await api.Client.WaitForRunStatusAsync($"/api/v1/migrations/{upgradeId}", "rolled-back");
        var twice = await api.Client.PostJsonAsync($"/api/v1/migrations/{upgradeId}/rollback");
        var resumeFinished = await api.Client.PostJsonAsync($"/api/v1/migrations/{upgradeId}/resume");

        Assert.Equal("completed", upgrade.Body["outcome"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, rollback.Status);
        Assert.NotEqual(upgradeId, rollback.Body!["runId"]!.GetValue<string>());
        Assert.Equal("rollback", rollbackRun["kind"]!.GetValue<string>());
        Assert.Equal(upgradeId, rollbackRun["rollbackOf"]!.GetValue<string>());
        Assert.Equal("completed", rollbackRun["status"]!.GetValue<string>());
        Assert.Equal("rolled-back", undone["status"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "accounting", "1.0.0");
        Assert.Contains("already rolled back", twice.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        resumeFinished.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
    }

    [Fact]
    public async Task A_long_upgrade_answers_at_once_keeps_the_tenant_busy_and_stops_when_rolled_back()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("SlowMigration", "billing"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "billing", "1.0.0");
        var upgrade = new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "2.0.0" };

        var clock = Stopwatch.StartNew();
        var started = await api.Client.PostJsonAsync("/api/v1/migrations", upgrade);
        var answeredIn = clock.Elapsed;
        var second = await api.Client.PostJsonAsync("/api/v1/migrations", upgrade);
        var runId = started.Body!["runId"]!.GetValue<string>();
        var stop = await api.Client.PostJsonAsync($"/api/v1/migrations/{runId}/rollback");
        var run = await api.Client.WaitForRunAsync($"/api/v1/migrations/{runId}", TimeSpan.FromSeconds(25));

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.True(answeredIn < TimeSpan.FromSeconds(15), $"The 202 took {answeredIn}: the request waited for the 30 s migration.");
        Assert.Equal("running", started.Body["status"]!.GetValue<string>());
        Assert.Contains("acme", second.AssertProblem(HttpStatusCode.Conflict, "tenant-busy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, stop.Status);
        Assert.Equal(runId, stop.Body!["runId"]!.GetValue<string>());
        Assert.Equal("rolled-back", run["status"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "billing", "1.0.0");
    }

    [Fact]
    public async Task Bad_requests_are_problems_that_say_what_to_fix_and_start_nothing()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        object Upgrade(string tenant, string from, string to) => new { tenant, module = "accounting", fromVersion = from, toVersion = to };

        var unknownTenant = await api.Client.PostJsonAsync("/api/v1/migrations", Upgrade("nobody", "1.0.0", "2.0.0"));
        var hostileTenant = await api.Client.PostJsonAsync("/api/v1/migrations", Upgrade("acme'; DROP SCHEMA tenant_acme CASCADE; --", "1.0.0", "2.0.0"));
        var badVersion = await api.Client.PostJsonAsync("/api/v1/migrations", Upgrade("acme", "1.0.0", "two"));
        var wrongFrom = await api.Client.PostJsonAsync("/api/v1/migrations", Upgrade("acme", "1.1.0", "2.0.0"));
        var badOption = await api.Client.PostJsonAsync("/api/v1/migrations",
            new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "2.0.0", options = new { batchSize = 0, backupType = "weekly" } });
        var malformed = await api.Client.PostRawAsync("/api/v1/migrations", "{\"tenant\": \"acme\", \"options\": [");
        var badWait = await api.Client.PostJsonAsync("/api/v1/migrations?wait=maybe", Upgrade("acme", "1.0.0", "2.0.0"));
        var badId = await api.Client.GetJsonAsync("/api/v1/migrations/not-a-run");
        var unknownRun = await api.Client.GetJsonAsync($"/api/v1/migrations/{Guid.NewGuid()}");
        var unknownRollback = await api.Client.PostJsonAsync($"/api/v1/migrations/{Guid.NewGuid()}/rollback");
        var badStatus = await api.Client.GetJsonAsync("/api/v1/migrations?status=exploded");
        var badLimit = await api.Client.GetJsonAsync("/api/v1/migrations?limit=lots");
        var hostileFilter = await api.Client.GetJsonAsync("/api/v1/migrations?tenant=" + Uri.EscapeDataString("' OR 1=1 --"));

        unknownTenant.AssertProblem(HttpStatusCode.NotFound, "not-found");
        hostileTenant.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Contains("two", badVersion.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Contains("run from 1.0.0", wrongFrom.AssertProblem(HttpStatusCode.Conflict, "plan-rejected"), StringComparison.Ordinal);
        Assert.Equal(2, badOption.Body!["problems"]!.AsArray().Count);
        badOption.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        malformed.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        badWait.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Contains("not-a-run", badId.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        unknownRun.AssertProblem(HttpStatusCode.NotFound, "not-found");
        unknownRollback.AssertProblem(HttpStatusCode.NotFound, "not-found");
        Assert.Contains("running", badStatus.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        badLimit.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        hostileFilter.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        var runs = (await api.Client.GetJsonAsync("/api/v1/migrations?tenant=acme")).Body!.AsArray();
        Assert.Equal("install", Assert.Single(runs)!["kind"]!.GetValue<string>());
        await api.AssertVersionAsync("acme", "accounting", "1.0.0");
    }
}
