using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.Migrations.Tests.Tenancy;

/// <summary>Registering tenants on shards: the schema, its bookkeeping tables, and where it lives.</summary>
public sealed class TenantRegistrationTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private const string BookkeepingTables =
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = '{0}'";

    [Fact]
    public async Task registering_a_tenant_creates_its_schema_with_the_bookkeeping_tables_and_a_catalog_row()
    {
        await using var t = await TestEngine.StartAsync(server);

        var tenant = await t.Engine.RegisterTenantAsync("acme", "  Acme Corp  ", "main", None);

        Assert.Equal(new Tenant("acme", "Acme Corp", "main", "tenant_acme", tenant.CreatedAt), tenant);
        Assert.Equal("aibos_customization_history,aibos_customization_quarantine,aibos_customizations,aibos_data_checkpoints,aibos_data_written,aibos_module_objects,aibos_module_versions,aibos_schema_history", await t.ScalarAsync<string>(string.Format(null, BookkeepingTables, "tenant_acme")));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_schema_history"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_module_versions"));
        Assert.Equal("main:tenant_acme:Acme Corp", await t.ScalarAsync<string>("SELECT shard || ':' || schema_name || ':' || display_name FROM aibos.tenants WHERE key = 'acme'"));
        var read = await t.Get<TenantService>().GetTenantAsync("acme", None);
        Assert.Equal(tenant with { CreatedAt = default }, read with { CreatedAt = default });
        Assert.True((read.CreatedAt - tenant.CreatedAt).Duration() < TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task registering_the_same_tenant_twice_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.CreateTenantAsync("acme");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterTenantAsync("acme", "Acme again", "main", None));

        Assert.Contains("Tenant 'acme' is already registered", refused.Message);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.tenants"));
        Assert.Equal("Tenant acme", await t.ScalarAsync<string>("SELECT display_name FROM aibos.tenants WHERE key = 'acme'"));
    }

    [Fact]
    public async Task a_schema_that_already_belongs_to_another_tenant_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.CreateTenantAsync("acme");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterTenantAsync("globex", "Globex", "main", None, schema: "tenant_acme"));

        Assert.Contains("Schema 'tenant_acme' on shard 'main' already belongs to another tenant", refused.Message);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.tenants"));
    }

    [Fact]
    public async Task a_tenant_on_an_unknown_shard_is_refused_and_nothing_is_created()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterTenantAsync("acme", "Acme", "nowhere", None));

        Assert.Contains("Shard 'nowhere' is not configured", refused.Message);
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.tenants"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_acme'"));
    }

    [Fact]
    public async Task a_tenant_on_a_second_shard_gets_its_schema_there_and_can_install_a_module_there()
    {
        await using var t = await TestEngine.StartAsync(server);
        var second = await server.CreateEmptyDatabaseAsync();
        await t.Get<TenantService>().AddShardAsync("second", second, None);
        await t.RegisterSamplesAsync("accounting");

        var tenant = await t.Engine.RegisterTenantAsync("globex", "Globex", "second", None);
        var outcome = await t.Engine.InstallModuleAsync("globex", "accounting", "1.0.0", null, None);

        Assert.Equal("second", tenant.Shard);
        Assert.IsType<Completed>(outcome);
        Assert.Equal(["main", "second"], await t.Get<TenantService>().ListShardsAsync(None));
        Assert.Equal("aibos_customization_history,aibos_customization_quarantine,aibos_customizations,aibos_data_checkpoints,aibos_data_written,aibos_module_objects,aibos_module_versions,aibos_schema_history,financial_reports,ledger_entries",
            await ScalarAsync<string>(second, string.Format(null, BookkeepingTables, "tenant_globex")));
        Assert.Equal("1.0.0", await ScalarAsync<string>(second, "SELECT version FROM tenant_globex.aibos_module_versions WHERE module = 'accounting'"));
        Assert.Equal(2L, await ScalarAsync<long>(second, "SELECT count(*) FROM tenant_globex.aibos_schema_history WHERE direction = 'up'"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_globex'"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('financial_reports', 'ledger_entries')"));
        Assert.Equal(0L, await ScalarAsync<long>(second, "SELECT count(*) FROM pg_namespace WHERE nspname = 'aibos'"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM aibos.tenant_modules WHERE tenant_key = 'globex' AND module = 'accounting'"));
    }

    [Fact]
    public async Task the_same_schema_name_may_be_used_on_two_different_shards()
    {
        await using var t = await TestEngine.StartAsync(server);
        var second = await server.CreateEmptyDatabaseAsync();
        await t.Get<TenantService>().AddShardAsync("second", second, None);
        await t.CreateTenantAsync("acme");

        var other = await t.Engine.RegisterTenantAsync("acme_eu", "Acme EU", "second", None, schema: "tenant_acme");

        Assert.Equal("tenant_acme", other.Schema);
        Assert.Equal(1L, await ScalarAsync<long>(second, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_acme'"));
        Assert.Equal(2L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.tenants"));
    }

    [Fact]
    public async Task a_shard_that_cannot_be_reached_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        var unreachable = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "aibos_no_such_database", Timeout = 3 }.ConnectionString;

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<TenantService>().AddShardAsync("broken", unreachable, None));

        Assert.Contains("Shard 'broken' cannot be reached", refused.Message);
        Assert.Equal(["main"], await t.Get<TenantService>().ListShardsAsync(None));
    }
}
