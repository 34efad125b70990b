using AiBos.Migrations.Alerts;
using AiBos.Migrations.Tests.Infrastructure;
using AiBos.MigrationConsole.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Alerts;

public sealed class AlertDeliveryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task the_console_delivers_the_alerts_a_run_raises_without_being_asked()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await ConsoleApp.StartAsync(server);
        await using var receiver = new WebhookReceiver();
        await app.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("FailingValidation", "billing"), replace: false, cancellationToken);
        await app.Engine.RegisterTenantAsync("acme", "Acme", "main", cancellationToken);
        await app.Engine.SetupAlertsAsync(new AlertSettings(true, true, false, false, [receiver.Url]), "ops", cancellationToken);

        await app.Engine.InstallModuleAsync("acme", "billing", "1.0.0", null, cancellationToken);

        await TestEngine.WaitUntilAsync(() => Task.FromResult(receiver.Received.Count == 2), TimeSpan.FromSeconds(20), "the console delivered both alerts");
        Assert.Equal(["migration.started", "migration.completed"], receiver.Received.Select(b => b.GetProperty("event").GetString()));
        Assert.All(await app.Engine.ListAlertsAsync(null, 10, cancellationToken), a => Assert.Equal(Alert.Delivered, a.Status));
    }
}
