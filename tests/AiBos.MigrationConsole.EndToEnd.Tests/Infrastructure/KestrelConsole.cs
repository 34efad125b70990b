using AiBos.Migrations.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;

/// <summary>The whole console on a real Kestrel port over its own database, whose "main" shard is the same database.</summary>
public sealed class KestrelConsole : WebApplicationFactory<Program>
{
    private KestrelConsole(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>Where the browser reaches the console, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = default!;

    public static async Task<KestrelConsole> StartAsync(string connectionString)
    {
        var console = new KestrelConsole(connectionString);
        console.UseKestrel(0);
        console.StartServer();
        var addresses = console.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        console.Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        await console.Services.GetRequiredService<TenantService>().AddShardAsync("main", connectionString, CancellationToken.None);
        return console;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Catalog", ConnectionString);
        builder.UseSetting("AiBos:Execution:LockTimeout", "00:00:00.500");
        builder.UseSetting("AiBos:Execution:HeartbeatInterval", "00:00:00.200");
        builder.UseSetting("AiBos:Execution:TenantLockWait", "00:00:00.500");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
