using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>
/// The engine over a fresh database of its own: the catalog and the "main" shard share it. Settings default to
/// short heartbeats and lock timeouts so that tests stay quick.
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    private TestEngine(ServiceProvider services, string connectionString)
    {
        Services = services;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }
    public string ConnectionString { get; }
    public ModuleMigrationService Engine => Services.GetRequiredService<ModuleMigrationService>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestEngine> StartAsync(PostgresServer server, IDictionary<string, string?>? settings = null)
    {
        var engine = Build(await server.CreateDatabaseAsync(), settings);
        await engine.Get<TenantService>().AddShardAsync("main", engine.ConnectionString, CancellationToken.None);
        return engine;
    }

    /// <summary>A second engine over the same database, standing for another process or console node.</summary>
    public TestEngine Sibling(IDictionary<string, string?>? settings = null) => Build(ConnectionString, settings);

    /// <summary>The settings a child process needs to act as this engine (environment variables).</summary>
    public IDictionary<string, string> ChildEnvironment => new Dictionary<string, string>
    {
        ["ConnectionStrings__Catalog"] = ConnectionString,
        ["AiBos__Execution__HeartbeatInterval"] = "00:00:00.200",
        ["AiBos__Execution__LockTimeout"] = "00:00:00.500",
    };

    private static TestEngine Build(string connectionString, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = connectionString,
            ["AiBos:Execution:LockTimeout"] = "00:00:00.500",
            ["AiBos:Execution:HeartbeatInterval"] = "00:00:00.200",
            ["AiBos:Execution:TenantLockWait"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddAiBosMigrations(configuration).BuildServiceProvider(validateScopes: true);
        return new TestEngine(services, connectionString);
    }

    public Task<Tenant> CreateTenantAsync(string key) =>
        Engine.RegisterTenantAsync(key, $"Tenant {key}", "main", CancellationToken.None);

    public async Task RegisterSamplesAsync(params string[] modules)
    {
        foreach (var module in modules)
            await Engine.RegisterModuleFolderAsync(TestPaths.Samples(module), replace: false, CancellationToken.None);
    }

    public Task RegisterScenarioAsync(string scenario, string module) =>
        Engine.RegisterModuleFolderAsync(TestPaths.Scenario(scenario, module), replace: false, CancellationToken.None);

    /// <summary>Installs a module and fails the test unless the install completed.</summary>
    public async Task InstallAsync(string tenant, string module, string version)
    {
        var outcome = await Engine.InstallModuleAsync(tenant, module, version, null, CancellationToken.None);
        Assert.IsType<Completed>(outcome);
    }

    public Task<RunOutcome> MigrateAsync(string tenant, string module, string from, string to, MigrationOptions? options = null) =>
        Engine.ExecuteModuleMigrationAsync(tenant, module, from, to, options, CancellationToken.None);

    public Task<TenantSnapshot> SnapshotAsync(string tenant) => TenantSnapshot.TakeAsync(ConnectionString, $"tenant_{tenant}");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            await Task.Delay(50);
        }
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Loads the demo rows of a module into a tenant (search_path pinned like the engine does).</summary>
    public Task LoadDemoDataAsync(string tenant, string module) =>
        ExecuteAsync($"SET search_path TO tenant_{tenant}; {File.ReadAllText(TestPaths.DemoData(module))}; RESET search_path;");

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        // Close this test's idle pooled connections, so that a suite of many databases stays within max_connections.
        await using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
