using AiBos.Migrations.Catalog;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Tests.Execution;

public sealed class CatalogMigratorTests(PostgresServer server)
{
    [Fact]
    public async Task two_processes_starting_at_once_on_an_empty_database_both_succeed_and_migrate_the_catalog_once()
    {
        var connectionString = await server.CreateEmptyDatabaseAsync();
        await using var first = new CatalogDatabase(Options.Create(new CatalogOptions { ConnectionString = connectionString }));
        await using var second = new CatalogDatabase(Options.Create(new CatalogOptions { ConnectionString = connectionString }));

        await Task.WhenAll(
            Task.Run(() => new CatalogMigrator(first, NullLogger<CatalogMigrator>.Instance).MigrateAsync(CancellationToken.None)),
            Task.Run(() => new CatalogMigrator(second, NullLogger<CatalogMigrator>.Instance).MigrateAsync(CancellationToken.None)));
        await new CatalogMigrator(first, NullLogger<CatalogMigrator>.Instance).MigrateAsync(CancellationToken.None); // and again: a no-op

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM aibos.__ef_migrations_history),
                   (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'aibos'
                      AND table_name IN ('module_migrations', 'migration_steps', 'schema_migrations', 'data_migrations', 'migration_backups', 'rollback_points', 'tenants', 'shards', 'audit_log'))
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) >= 1);
        Assert.Equal(9L, reader.GetInt64(1));
    }
}
