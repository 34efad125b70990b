using AiBos.Migrations;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.Tests.Infrastructure;

/// <summary>
/// The whole console (dashboard, API, hub, engine) over a fresh database of its own, whose "main" shard is the
/// same database. In-memory by default; <see cref="WebApplicationFactory{T}.UseKestrel()"/> gives a real port for
/// browser tests.
/// </summary>
public sealed class ConsoleApp : WebApplicationFactory<Program>
{
    private ConsoleApp(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }
    public ModuleMigrationService Engine => Services.GetRequiredService<ModuleMigrationService>();

    public static async Task<ConsoleApp> StartAsync(PostgresServer server)
    {
        var app = new ConsoleApp(await server.CreateDatabaseAsync());
        app.StartServer();
        await app.Services.GetRequiredService<TenantService>().AddShardAsync("main", app.ConnectionString, CancellationToken.None);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Catalog", ConnectionString);
        builder.UseSetting("AiBos:Execution:LockTimeout", "00:00:00.500");
        builder.UseSetting("AiBos:Execution:HeartbeatInterval", "00:00:00.200");
        builder.UseSetting("AiBos:Execution:TenantLockWait", "00:00:00.500");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
