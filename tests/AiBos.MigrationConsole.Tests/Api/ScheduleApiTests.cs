using System.Net;
using System.Text.Json.Nodes;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class ScheduleApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_schedule_answers_201_fires_at_its_time_and_its_history_links_the_run_it_started()
    {
        await using var api = await AccountingAt100Async();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2);

        var created = await api.Client.PostJsonAsync("/api/v1/schedules", new
        {
            tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "1.1.0", startAt, windowEnd = startAt.AddMinutes(10),
            options = new { batchSize = 500 },
        });
        var location = created.Response.Headers.Location?.ToString();
        var pending = await api.Client.GetJsonAsync("/api/v1/schedules");
        var fired = await WaitUntilFiredAsync(api, location!);
        var history = await api.Client.GetJsonAsync("/api/v1/schedules/history?tenant=acme&module=accounting");
        var run = await api.Client.WaitForRunAsync(fired["runLocation"]!.GetValue<string>());
        var cancelFired = await DeleteAsync(api, location!);

        Assert.True(created.Status == HttpStatusCode.Created, created.Body?.ToJsonString());
        var id = created.Body!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/schedules/{id}", location);
        Assert.Equal(("scheduled", "api", 500), (created.Body["status"]!.GetValue<string>(), created.Body["scheduledBy"]!.GetValue<string>(),
            created.Body["options"]!["batchSize"]!.GetValue<int>()));
        Assert.Equal(id, Assert.Single(pending.Body!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("completed", fired["status"]!.GetValue<string>());
        var runId = fired["runId"]!.GetValue<string>();
        var listed = Assert.Single(history.Body!.AsArray())!;
        Assert.Equal((id, "completed", runId), (listed["id"]!.GetValue<string>(), listed["status"]!.GetValue<string>(), listed["runId"]!.GetValue<string>()));
        Assert.Equal(("completed", "scheduler:api", "1.1.0"), (run["status"]!.GetValue<string>(), run["requestedBy"]!.GetValue<string>(), run["toVersion"]!.GetValue<string>()));
        var detail = cancelFired.AssertProblem(HttpStatusCode.Conflict, "schedule-not-pending");
        Assert.Equal(("completed", runId), (cancelFired.Body!["scheduleStatus"]!.GetValue<string>(), cancelFired.Body["runId"]!.GetValue<string>()));
        Assert.Contains(runId, detail, StringComparison.Ordinal);
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/schedules")).Body!.AsArray());
        await api.AssertVersionAsync("acme", "accounting", "1.1.0");
    }

    [Fact]
    public async Task A_pending_schedule_is_cancelled_once_and_unknown_or_malformed_ids_are_404_and_400()
    {
        await using var api = await AccountingAt100Async();
        var created = await api.Client.PostJsonAsync("/api/v1/schedules", new
        {
            tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "1.1.0", startAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        var location = created.Response.Headers.Location!.ToString();

        var cancelled = await DeleteAsync(api, location);
        var again = await DeleteAsync(api, location);
        var shown = await api.Client.GetJsonAsync(location);
        var pending = await api.Client.GetJsonAsync("/api/v1/schedules");
        var history = await api.Client.GetJsonAsync("/api/v1/schedules/history");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", cancelled.Body!["status"]!.GetValue<string>());
        Assert.Contains("already cancelled", again.AssertProblem(HttpStatusCode.Conflict, "schedule-not-pending"), StringComparison.Ordinal);
        Assert.Equal(("cancelled", (string?)null), (shown.Body!["status"]!.GetValue<string>(), shown.Body["runId"]?.GetValue<string>()));
        Assert.Empty(pending.Body!.AsArray());
        Assert.Equal("cancelled", Assert.Single(history.Body!.AsArray())!["status"]!.GetValue<string>());
        var unknown = $"/api/v1/schedules/{Guid.NewGuid()}";
        (await api.Client.GetJsonAsync(unknown)).AssertProblem(HttpStatusCode.NotFound, "not-found");
        (await DeleteAsync(api, unknown)).AssertProblem(HttpStatusCode.NotFound, "not-found");
        (await DeleteAsync(api, "/api/v1/schedules/tomorrow")).AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        (await api.Client.GetJsonAsync("/api/v1/schedules/history?tenant=Bad;Key")).AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
    }

    [Fact]
    public async Task A_bad_schedule_request_is_400_naming_every_problem_and_stores_nothing()
    {
        await using var api = await AccountingAt100Async();

        var bad = await api.Client.PostJsonAsync("/api/v1/schedules", new
        {
            tenant = "nobody", module = "accounting", fromVersion = "1.0.0", toVersion = "9.9.9", startAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var noStart = await api.Client.PostJsonAsync("/api/v1/schedules", new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "1.1.0" });
        var notJson = await api.Client.PostRawAsync("/api/v1/schedules", "{\"tenant\": 42}");

        bad.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        var problems = bad.Body!["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("nobody", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("9.9.9", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("in the past", StringComparison.Ordinal));
        Assert.Contains("startAt", noStart.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        notJson.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/schedules")).Body!.AsArray());
    }

    private async Task<ApiScenario> AccountingAt100Async()
    {
        var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        return api;
    }

    /// <summary>Polls the schedule until it has fired and its run has ended (generous: the machine may be loaded).</summary>
    private static async Task<JsonNode> WaitUntilFiredAsync(ApiScenario api, string location)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var (status, schedule, _) = await api.Client.GetJsonAsync(location);
            Assert.Equal(HttpStatusCode.OK, status);
            if (schedule!["status"]!.GetValue<string>() is not ("scheduled" or "running")) return schedule;
            Assert.True(DateTime.UtcNow < deadline, $"Schedule {location} still {schedule["status"]} after the deadline.");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> DeleteAsync(ApiScenario api, string path)
    {
        var response = await api.Client.DeleteAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }
}
