using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class ShutdownTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Stopping_the_console_rolls_back_a_run_the_api_started_instead_of_abandoning_it()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("SlowMigration", "billing"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "billing", "1.0.0");
        var started = await api.Client.PostJsonAsync("/api/v1/migrations", new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "2.0.0" });
        var runId = started.Body!["runId"]!.GetValue<string>();

        await api.App.DisposeAsync(); // the host stops: its stopping token cancels the 30 s migration

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal("rolled-back", await api.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));
        Assert.Equal("The run was cancelled by its caller.", await api.ScalarAsync<string>($"SELECT error FROM aibos.module_migrations WHERE id = '{runId}'"));
        Assert.Equal(0L, await api.CountAsync("information_schema.columns WHERE table_schema = 'tenant_acme' AND column_name = 'note'"));
    }
}
