using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class AlertApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Alert_settings_round_trip_with_webhooks_shown_by_origin_and_a_run_raises_the_alerts_asked_for()
    {
        // The receiver outlives the console (disposed after it), so that no delivery in flight finds it gone.
        await using var webhook = new WebhookReceiver();
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");

        var fresh = await api.Client.GetJsonAsync("/api/v1/alerts/settings");
        var saved = await api.Client.PutJsonAsync("/api/v1/alerts/settings",
            new { onMigrationStart = false, onMigrationComplete = true, onMigrationFailure = true, onRollback = true, webhooks = new[] { webhook.Url } });
        var read = await api.Client.GetJsonAsync("/api/v1/alerts/settings");
        var install = await api.Client.PostJsonAsync("/api/v1/migrations/install?wait=true", new { tenant = "acme", module = "accounting", version = "1.0.0" });
        var runId = install.Body!["run"]!["id"]!.GetValue<string>();
        var alerts = await api.Client.GetJsonAsync($"/api/v1/alerts?runId={runId}&limit=10");

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.False(fresh.Body!["onMigrationComplete"]!.GetValue<bool>());
        Assert.Empty(fresh.Body["webhooks"]!.AsArray());
        Assert.True(saved.Status == HttpStatusCode.OK, saved.Body?.ToJsonString());
        var origin = new Uri(webhook.Url).GetLeftPart(UriPartial.Authority);
        foreach (var settings in new[] { saved.Body!, read.Body! })
        {
            Assert.Equal((false, true, true, true), (settings["onMigrationStart"]!.GetValue<bool>(), settings["onMigrationComplete"]!.GetValue<bool>(),
                settings["onMigrationFailure"]!.GetValue<bool>(), settings["onRollback"]!.GetValue<bool>()));
            Assert.Equal(origin + "/…", Assert.Single(settings["webhooks"]!.AsArray())!.GetValue<string>());
            Assert.Equal("api", settings["updatedBy"]!.GetValue<string>());
        }
        Assert.True(install.Status == HttpStatusCode.OK && install.Body["outcome"]!.GetValue<string>() == "completed", install.Body.ToJsonString());
        Assert.True(alerts.Body!.AsArray().Count == 1, alerts.Body.ToJsonString());
        var alert = alerts.Body.AsArray()[0]!;
        Assert.Equal(("migration.completed", runId, "acme", "accounting"), (alert["event"]!.GetValue<string>(), alert["runId"]!.GetValue<string>(),
            alert["tenant"]!.GetValue<string>(), alert["module"]!.GetValue<string>()));
        Assert.Equal(runId, alert["payload"]!["runId"]!.GetValue<string>());
        // The console delivers it to the full address (a few seconds at most; generous on a loaded machine).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (webhook.Received.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(runId, Assert.Single(webhook.Received).GetProperty("runId").GetString());
        var delivered = await api.Client.GetJsonAsync($"/api/v1/alerts?runId={runId}");
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (delivered.Body!.AsArray()[0]!["status"]!.GetValue<string>() != "delivered" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            delivered = await api.Client.GetJsonAsync($"/api/v1/alerts?runId={runId}");
        }
        Assert.Equal("delivered", delivered.Body!.AsArray()[0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_alert_settings_are_400_with_the_engines_problems_and_change_nothing()
    {
        await using var api = await ApiScenario.StartAsync(server);
        var kept = await api.Client.PutJsonAsync("/api/v1/alerts/settings", new { onMigrationFailure = true, webhooks = new[] { "https://hooks.example.com/T0/secret" } });

        var notHttp = await api.Client.PutJsonAsync("/api/v1/alerts/settings", new { onMigrationFailure = true, webhooks = new[] { "ftp://hooks.example.com/x", "not a url" } });
        var shownForm = await api.Client.PutJsonAsync("/api/v1/alerts/settings", new { onRollback = true, webhooks = new[] { "https://hooks.example.com/…" } });
        var notBool = await api.Client.PutJsonAsync("/api/v1/alerts/settings", new { onRollback = "yes" });
        var read = await api.Client.GetJsonAsync("/api/v1/alerts/settings");

        Assert.Equal(HttpStatusCode.OK, kept.Status);
        notHttp.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        var problems = notHttp.Body!["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("http://", p, StringComparison.Ordinal));
        Assert.Contains("full address", shownForm.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        notBool.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Equal((true, false), (read.Body!["onMigrationFailure"]!.GetValue<bool>(), read.Body["onRollback"]!.GetValue<bool>()));
        Assert.Equal("https://hooks.example.com/…", Assert.Single(read.Body["webhooks"]!.AsArray())!.GetValue<string>());
        (await api.Client.GetJsonAsync("/api/v1/alerts?runId=last")).AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        (await api.Client.GetJsonAsync("/api/v1/alerts?limit=0")).AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Empty((await api.Client.GetJsonAsync($"/api/v1/alerts?runId={Guid.NewGuid()}")).Body!.AsArray());
    }
}
