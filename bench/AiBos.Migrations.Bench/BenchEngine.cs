using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiBos.Migrations.Bench;

/// <summary>
/// The engine over a fresh database of its own (catalog and the "main" shard share it), with tenant "bench" holding
/// the bench module, installed through the engine and filled with rows.
/// </summary>
public sealed class BenchEngine : IAsyncDisposable
{
    public const string TenantKey = "bench";
    public const string TenantSchema = "tenant_bench";

    private readonly ServiceProvider _services;

    private BenchEngine(ServiceProvider services, string connectionString)
    {
        _services = services;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }
    public ModuleMigrationService Engine => _services.GetRequiredService<ModuleMigrationService>();
    public RunEventBus Events => _services.GetRequiredService<RunEventBus>();

    public static async Task<BenchEngine> StartAsync(BenchSettings settings, string database, CancellationToken cancellationToken)
    {
        await RecreateDatabaseAsync(settings, database, cancellationToken);
        var connectionString = settings.ConnectionStringFor(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddAiBosMigrations(configuration).BuildServiceProvider(validateScopes: true);
        var engine = new BenchEngine(services, connectionString);
        await services.GetRequiredService<CatalogMigrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<TenantService>().AddShardAsync("main", connectionString, cancellationToken);
        await engine.Engine.RegisterTenantAsync(TenantKey, "Benchmark tenant", "main", cancellationToken);
        return engine;
    }

    /// <summary>Registers the bench module from a folder written to a temporary directory and installs it on the tenant.</summary>
    public async Task InstallModuleAsync(CancellationToken cancellationToken)
    {
        var folder = BenchModule.WriteFolder();
        try
        {
            await Engine.RegisterModuleFolderAsync(folder, replace: false, cancellationToken);
            var outcome = await Engine.InstallModuleAsync(TenantKey, BenchModule.Name, BenchModule.Version, null, cancellationToken);
            if (outcome is not Completed) throw new InvalidOperationException($"Installing the bench module did not complete: {outcome}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    public async Task FillAsync(int rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync(BenchModule.FillSql(TenantSchema, rows), cancellationToken);
        await ExecuteAsync($"VACUUM ANALYZE {TenantSchema}.{BenchModule.Table}", cancellationToken);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task RecreateDatabaseAsync(BenchSettings settings, string database, CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(settings.AdminConnectionString);
        await admin.OpenAsync(cancellationToken);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Identifiers.Quote(database)} WITH (FORCE)", $"CREATE DATABASE {Identifiers.Quote(database)}" })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
