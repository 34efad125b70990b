using AiBos.Migrations.Catalog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(AiBos.Migrations.Tests.Infrastructure.PostgresServer))]

namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test assembly. ./test.sh starts a private cluster and passes its admin
/// connection string in AIBOS_TEST_POSTGRES; without it, Testcontainers is tried (where Docker exists). With
/// CI=true a missing server fails every test: it never skips. Each test gets its own database, cloned from a
/// template that already holds the migrated catalog.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "AIBOS_TEST_POSTGRES";
    private readonly string _template = $"aibos_tpl_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..6]}";
    private readonly List<string> _databases = [];
    private PostgreSqlContainer? _container;

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI=true and {EnvironmentVariable} is not set: run the suite with ./test.sh, which starts PostgreSQL.");
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                connectionString = _container.GetConnectionString();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"No PostgreSQL for the tests: run ./test.sh (it starts a private cluster), or set {EnvironmentVariable} to an admin connection string. Testcontainers failed too: {e.Message}", e);
            }
        }
        AdminConnectionString = connectionString;
        await ExecuteAsync($"CREATE DATABASE {_template}");
        await using (var catalog = new CatalogDatabase(Options.Create(new CatalogOptions { ConnectionString = ConnectionStringFor(_template) })))
        {
            await new CatalogMigrator(catalog, NullLogger<CatalogMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new database holding a migrated, empty catalog.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"aibos_t_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {_template}");
        lock (_databases) _databases.Add(name);
        return ConnectionStringFor(name);
    }

    /// <summary>A new empty database (no catalog), e.g. to test the catalog migrator itself or a second shard.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"aibos_e_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        lock (_databases) _databases.Add(name);
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }
        if (AdminConnectionString.Length == 0) return;
        foreach (var database in _databases.Append(_template))
        {
            try { await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)"); }
            catch (PostgresException) { /* best effort: the cluster is thrown away by ./test.sh anyway */ }
        }
    }
}
