using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace AiBos.MigrationConsole.Tests.Scheduling;

/// <summary>
/// One console node (the whole host, Quartz included) over a catalog database that several nodes may share.
/// Cluster check-ins and idle polls are short so that fires and takeovers happen within seconds.
/// </summary>
public sealed class SchedulingNode : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    private SchedulingNode(string connectionString, IReadOnlyDictionary<string, string>? settings)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string ConnectionString { get; }
    public ModuleMigrationService Engine => Services.GetRequiredService<ModuleMigrationService>();
    public UpgradeScheduler Scheduler => Services.GetRequiredService<UpgradeScheduler>();

    /// <summary>A node over a fresh catalog database with the "main" shard.</summary>
    public static async Task<SchedulingNode> StartAsync(PostgresServer server, IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = await JoinAsync(await server.CreateDatabaseAsync(), settings);
        await node.Services.GetRequiredService<TenantService>().AddShardAsync("main", node.ConnectionString, CancellationToken.None);
        return node;
    }

    /// <summary>Another node over the same catalog: the same Quartz cluster.</summary>
    public static Task<SchedulingNode> JoinAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = new SchedulingNode(connectionString, settings);
        node.StartServer();
        return Task.FromResult(node);
    }

    public async Task<string> QuartzInstanceIdAsync() =>
        (await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None)).SchedulerInstanceId;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Catalog", ConnectionString);
        builder.UseSetting("AiBos:Execution:LockTimeout", "00:00:00.500");
        builder.UseSetting("AiBos:Execution:HeartbeatInterval", "00:00:00.200");
        builder.UseSetting("AiBos:Execution:TenantLockWait", "00:00:00.500");
        builder.UseSetting("AiBos:Scheduling:CheckinInterval", "00:00:01");
        builder.UseSetting("AiBos:Scheduling:CheckinMisfireThreshold", "00:00:01");
        builder.UseSetting("AiBos:Scheduling:MisfireThreshold", "00:00:01");
        builder.UseSetting("AiBos:Scheduling:IdleWaitTime", "00:00:01");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
