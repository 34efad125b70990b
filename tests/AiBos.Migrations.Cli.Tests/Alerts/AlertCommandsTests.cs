using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Alerts;

public sealed class AlertCommandsTests(PostgresServer server)
{
    [Fact]
    public async Task alerts_set_up_from_the_cli_reach_the_webhook_when_the_command_that_raised_them_ends()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        await using var receiver = new WebhookReceiver();
        var cli = CliRunner.For(t);

        var setup = (await cli.RunAsync("setup-alerts", "--on-failure", "--on-rollback", "--webhook", receiver.Url)).ShouldSucceed();
        var run = await cli.RunAsync("execute-migration", "-t", "acme", "-m", "billing", "-f", "1.0.0", "-v", "2.0.0");
        var received = receiver.Received.Select(b => b.GetProperty("event").GetString()).ToList();
        var listed = (await cli.RunAsync("list-alerts")).ShouldSucceed();
        var json = (await cli.RunAsync("list-alerts", "-o", "json")).ShouldSucceed().Json;

        Assert.Contains("Alerts on: migration.failed, migration.rolled-back.", setup.Out);
        Assert.Contains($"Delivered to: the log and http://127.0.0.1:{new Uri(receiver.Url).Port}", setup.Out);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["migration.failed", "migration.rolled-back"], received);
        Assert.Matches(@"migration\.rolled-back\s+│\s+[0-9a-f-]{36}\s+│\s+acme\s+│\s+billing\s+│.*│\s+delivered\s+│\s+1\s+│", listed.Out);
        Assert.Equal([true, true], [json.GetProperty("settings").GetProperty("onMigrationFailure").GetBoolean(), json.GetProperty("settings").GetProperty("onRollback").GetBoolean()]);
        Assert.Equal(["migration.rolled-back", "migration.failed"], json.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task a_webhook_that_is_not_an_http_address_is_refused_and_the_settings_stay_as_they_were()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);

        (await cli.RunAsync("setup-alerts", "--on-failure", "--webhook", "mailto:ops@example.com")).ShouldFailWith(2, "is not an absolute http:// or https:// address");
        var shown = (await cli.RunAsync("list-alerts")).ShouldSucceed();

        Assert.Contains("Alerts: off (no event raises one).", shown.Out);
        Assert.Contains("No alerts raised yet.", shown.Out);
    }
}
