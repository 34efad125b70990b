using System.Net;
using AiBos.MigrationConsole.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class HealthTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_console_serves_its_overview_and_api_over_a_migrated_catalog()
    {
        await using var app = await ConsoleApp.StartAsync(server);
        using var client = app.CreateClient();

        var health = await client.GetAsync("/api/v1/health", TestContext.Current.CancellationToken);
        var overview = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("AiBos Migration Console", overview, StringComparison.Ordinal);
        Assert.Empty(await app.Engine.ListBackupsAsync(null, null, TestContext.Current.CancellationToken));
    }
}
