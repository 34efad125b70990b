using System.Net;
using System.Text.Json.Nodes;
using AiBos.MigrationConsole.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.MigrationConsole.Tests.Api;

/// <summary>The console over a fresh database with an HTTP client, and the setup steps tests share, all through the API.</summary>
public sealed class ApiScenario : IAsyncDisposable
{
    private ApiScenario(ConsoleApp app)
    {
        App = app;
        Client = app.CreateClient();
    }

    public ConsoleApp App { get; }
    public HttpClient Client { get; }

    public static async Task<ApiScenario> StartAsync(PostgresServer server) => new(await ConsoleApp.StartAsync(server));

    public async Task RegisterModuleAsync(string folder)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/modules", new { path = folder });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
    }

    public async Task AddTenantAsync(string key)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/tenants", new { key, displayName = $"Tenant {key}" });
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
    }

    /// <summary>Installs a module and waits for the outcome, which must be completed.</summary>
    public async Task InstallAsync(string tenant, string module, string version)
    {
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/migrations/install?wait=true", new { tenant, module, version });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("completed", body!["outcome"]!.GetValue<string>());
    }

    public async Task<JsonNode> TenantAsync(string key) => (await Client.GetJsonAsync($"/api/v1/tenants/{key}")).Body!;

    /// <summary>
    /// Asserts the tenant's version of a module as the API shows it. The engine mirrors a tenant's versions into the
    /// catalog just after it records the run's final status, so a client that saw "completed" may read the old version
    /// for a moment: this waits briefly for the mirror.
    /// </summary>
    public async Task AssertVersionAsync(string tenant, string module, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (await VersionOfAsync(tenant, module) is var actual && actual != expected && DateTime.UtcNow < deadline)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(expected, await VersionOfAsync(tenant, module));
    }

    public async Task<string?> VersionOfAsync(string tenant, string module) =>
        (await TenantAsync(tenant))["modules"]!.AsArray().SingleOrDefault(m => m!["module"]!.GetValue<string>() == module)?["version"]!.GetValue<string>();

    /// <summary>Runs SQL in the tenants' database, standing for the application writing to a tenant's tables.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public Task<long> CountAsync(string table) => ScalarAsync<long>($"SELECT count(*) FROM {table}");

    /// <summary>Reads one value straight from the database (also once the console has stopped).</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public Task LoadDemoDataAsync(string tenant, string module) =>
        ExecuteSqlAsync($"SET search_path TO tenant_{tenant}; {File.ReadAllText(TestPaths.DemoData(module))}; RESET search_path;");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
