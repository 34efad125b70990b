using AiBos.MigrationConsole.Tests.Api;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Hubs;

public sealed class RunsHubTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_client_watching_all_runs_receives_the_steps_and_final_status_of_a_run_started_through_the_api()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        await using var hub = await RunsHubClient.ConnectAsync(api.App);
        await hub.WatchAllAsync();

        var started = await api.Client.PostJsonAsync("/api/v1/migrations", new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "2.0.0" });
        var runId = Guid.Parse(started.Body!["runId"]!.GetValue<string>());
        var end = await hub.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", end.Status);
        Assert.Equal(("acme", "accounting"), (end.Tenant, end.Module));
        Assert.Equal(end.StepsTotal, end.StepsDone);
        var steps = hub.Events.Where(e => e.RunId == runId && e.Step is not null).ToList();
        Assert.Contains(steps, e => e.Step == "schema" && e.Status == "completed");
        Assert.Contains(steps, e => e.Step == "validation" && e.Status == "completed");
        Assert.Equal("completed", (await api.Client.GetJsonAsync(started.Response.Headers.Location!.ToString())).Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_watching_one_run_receives_only_its_events_through_to_rolled_back_when_an_operator_stops_it()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("SlowMigration", "billing"));
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.AddTenantAsync("globex");
        await api.InstallAsync("acme", "billing", "1.0.0");
        await using var hub = await RunsHubClient.ConnectAsync(api.App);

        var started = await api.Client.PostJsonAsync("/api/v1/migrations", new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "2.0.0" });
        var runId = Guid.Parse(started.Body!["runId"]!.GetValue<string>());
        await hub.WatchRunAsync(runId);
        await api.InstallAsync("globex", "accounting", "1.0.0"); // another run meanwhile, which this client must not see
        var stop = await api.Client.PostJsonAsync($"/api/v1/migrations/{runId}/rollback");
        var end = await hub.WaitForEndAsync(runId, TimeSpan.FromSeconds(30));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, stop.Status);
        Assert.Equal("rolled-back", end.Status);
        Assert.All(hub.Events, e => Assert.Equal(runId, e.RunId));
        Assert.Contains(hub.Events, e => e.Step is null && e.Status == "rolling-back");
    }
}
