using AiBos.Migrations.Alerts;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Alerts;

/// <summary>
/// The seed's setupAlerts: run events raise alerts in the catalog's outbox with the run's status change, and any
/// process delivers them to the log and POSTs them to each webhook, at least once, retrying failures.
/// </summary>
public sealed class AlertTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AlertSettings Everything = new(true, true, true, true, []);

    private static async Task<TestEngine> StartAsync(PostgresServer server, IDictionary<string, string?>? settings = null)
    {
        var t = await TestEngine.StartAsync(server, settings);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await t.CreateTenantAsync("acme");
        return t;
    }

    private static string Events(IEnumerable<System.Text.Json.JsonElement> bodies) =>
        string.Join(" ", bodies.Select(b => $"{b.GetProperty("event").GetString()}:{b.GetProperty("status").GetString()}"));

    [Fact]
    public async Task every_event_set_up_is_posted_to_every_webhook_with_the_run_it_happened_to()
    {
        await using var t = await StartAsync(server);
        await using var pager = new WebhookReceiver();
        await using var chat = new WebhookReceiver();
        await t.Engine.SetupAlertsAsync(Everything with { Webhooks = [pager.Url, chat.Url] }, "ops-alice", None);

        await t.InstallAsync("acme", "billing", "1.0.0");
        var failed = Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        var delivered = await t.Engine.DeliverAlertsAsync(None);

        const string expected = "migration.started:running migration.completed:completed "
            + "migration.started:running migration.failed:rolling-back migration.rolled-back:rolled-back";
        Assert.Equal(5, delivered);
        Assert.Equal(expected, Events(pager.Received));
        Assert.Equal(expected, Events(chat.Received));
        var failure = pager.Received[3];
        Assert.Equal((failed.RunId.ToString(), "acme", "billing", "upgrade", "1.0.0", "2.0.0", "validation"),
            (failure.GetProperty("runId").GetString(), failure.GetProperty("tenant").GetString(), failure.GetProperty("module").GetString(),
             failure.GetProperty("kind").GetString(), failure.GetProperty("fromVersion").GetString(), failure.GetProperty("toVersion").GetString(),
             failure.GetProperty("failedStep").GetString()));
        Assert.StartsWith("Failed in step validation, rolling back: billing 1.0.0 -> 2.0.0 (upgrade) of tenant acme.", failure.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("due_date IS NULL", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(RollbackPath.DownSql, pager.Received[4].GetProperty("rollbackPath").GetString());

        var listed = await t.Engine.ListAlertsAsync(failed.RunId, 10, None);
        Assert.Equal(["migration.rolled-back", "migration.failed", "migration.started"], listed.Select(a => a.Event));
        Assert.All(listed, a => Assert.Equal((Alert.Delivered, 1), (a.Status, a.Attempts)));
        Assert.Equal(listed[1].Id, failure.GetProperty("id").GetInt64());
        Assert.Equal(0, await t.Engine.DeliverAlertsAsync(None));
        Assert.Equal(5, pager.Received.Count);
    }

    [Fact]
    public async Task only_the_events_set_up_raise_alerts_and_a_fresh_catalog_raises_none()
    {
        await using var t = await StartAsync(server);
        await t.InstallAsync("acme", "billing", "1.0.0");
        Assert.Empty(await t.Engine.ListAlertsAsync(null, 100, None));
        Assert.Equal(AlertSettings.None with { UpdatedAt = null }, await t.Engine.GetAlertSettingsAsync(None) with { UpdatedAt = null });

        var saved = await t.Engine.SetupAlertsAsync(AlertSettings.None with { OnMigrationFailure = true }, "ops-alice", None);
        await t.CreateTenantAsync("globex");
        await t.InstallAsync("globex", "billing", "1.0.0");
        await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0");
        var delivered = await t.Engine.DeliverAlertsAsync(None);

        Assert.Equal(("ops-alice", true, false), (saved.UpdatedBy, saved.OnMigrationFailure, saved.OnRollback));
        var alert = Assert.Single(await t.Engine.ListAlertsAsync(null, 100, None));
        Assert.Equal((AlertEvents.Failed, "acme", Alert.Delivered), (alert.Event, alert.Tenant, alert.Status));
        Assert.Equal(1, delivered); // to the log only: no webhooks are set up
    }

    [Fact]
    public async Task a_failed_delivery_is_retried_with_a_growing_delay_and_given_up_after_the_last_attempt()
    {
        await using var t = await StartAsync(server, new Dictionary<string, string?>
        {
            ["AiBos:Alerts:RetryDelay"] = "00:00:00.300",
            ["AiBos:Alerts:MaxAttempts"] = "3",
        });
        await using var flaky = new WebhookReceiver(500, 200);
        await t.Engine.SetupAlertsAsync(AlertSettings.None with { OnMigrationComplete = true, Webhooks = [flaky.Url] }, null, None);
        await t.InstallAsync("acme", "billing", "1.0.0");

        Assert.Equal(0, await t.Engine.DeliverAlertsAsync(None));
        var pending = Assert.Single(await t.Engine.ListAlertsAsync(null, 10, None));
        Assert.Equal(0, await t.Engine.DeliverAlertsAsync(None)); // not due yet: the retry waits
        await Task.Delay(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
        Assert.Equal(1, await t.Engine.DeliverAlertsAsync(None));

        Assert.Equal((Alert.Pending, 1, "127.0.0.1 answered HTTP 500"), (pending.Status, pending.Attempts, pending.LastError));
        var delivered = Assert.Single(await t.Engine.ListAlertsAsync(null, 10, None));
        Assert.Equal((Alert.Delivered, 2), (delivered.Status, delivered.Attempts));
        Assert.Equal(2, flaky.Received.Count);

        await using var down = new WebhookReceiver(503);
        await t.Engine.SetupAlertsAsync(AlertSettings.None with { OnMigrationComplete = true, Webhooks = [down.Url] }, null, None);
        await t.CreateTenantAsync("globex");
        await t.InstallAsync("globex", "billing", "1.0.0");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<bool>(
                "SELECT next_attempt_at <= now() FROM aibos.alerts WHERE tenant_key = 'globex'"), TimeSpan.FromSeconds(10), "the retry is due");
            await t.Engine.DeliverAlertsAsync(None);
        }
        var gaveUp = (await t.Engine.ListAlertsAsync(null, 10, None))[0];
        Assert.Equal(("globex", Alert.GaveUp, 3), (gaveUp.Tenant, gaveUp.Status, gaveUp.Attempts));
        Assert.Equal(3, down.Received.Count);
        Assert.Equal(0, await t.Engine.DeliverAlertsAsync(None));
    }

    [Fact]
    public async Task webhooks_that_are_not_http_addresses_are_refused_with_what_to_fix_and_nothing_changes()
    {
        await using var t = await StartAsync(server);
        await t.Engine.SetupAlertsAsync(Everything with { Webhooks = ["https://hooks.example.com/aibos"] }, null, None);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.SetupAlertsAsync(
            Everything with { Webhooks = ["ftp://files.example.com/x", "hooks.example.com/relative", "https://user:secret@hooks.example.com/x", "https://a.example.com", "https://a.example.com"] },
            null, None));

        Assert.Contains(refused.Problems, p => p.Contains("'ftp://files.example.com/x' is not an absolute http:// or https:// address", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("'hooks.example.com/relative' is not an absolute", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("carries a user name or password", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("listed twice", StringComparison.Ordinal));
        Assert.DoesNotContain(refused.Problems, p => p.Contains("user:secret", StringComparison.Ordinal));
        Assert.Equal(["https://hooks.example.com/aibos"], (await t.Engine.GetAlertSettingsAsync(None)).Webhooks);
    }

    [Fact]
    public async Task two_processes_delivering_at_the_same_time_send_each_alert_once()
    {
        await using var t = await StartAsync(server);
        await using var receiver = new WebhookReceiver();
        await t.Engine.SetupAlertsAsync(Everything with { Webhooks = [receiver.Url] }, null, None);
        foreach (var tenant in new[] { "t1", "t2", "t3", "t4", "t5" })
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, "billing", "1.0.0");
        }
        await using var otherNode = t.Sibling();

        var counts = await Task.WhenAll(t.Engine.DeliverAlertsAsync(None), otherNode.Engine.DeliverAlertsAsync(None));

        Assert.Equal(10, counts.Sum());
        Assert.Equal(10, receiver.Received.Select(b => b.GetProperty("id").GetInt64()).Distinct().Count());
        Assert.Equal(10, receiver.Received.Count);
    }
}
