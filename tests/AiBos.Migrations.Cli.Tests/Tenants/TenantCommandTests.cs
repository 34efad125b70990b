using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Tenants;

public sealed class TenantCommandTests(PostgresServer server)
{
    [Fact]
    public async Task add_tenant_with_no_shard_at_all_creates_shard_main_on_the_catalog_database()
    {
        var cli = new CliRunner(await server.CreateDatabaseAsync());

        var result = (await cli.RunAsync("add-tenant", "-t", "tenant123", "--name", "Tenant 123")).ShouldSucceed();

        Assert.Contains("Shard 'main' created", result.Out);
        Assert.Contains("Tenant 'tenant123' registered on shard 'main' in schema 'tenant_tenant123'", result.Out);
        Assert.Equal(1L, await ScalarAsync<long>(cli, "SELECT count(*) FROM aibos.shards WHERE name = 'main'"));
        Assert.Equal(1L, await ScalarAsync<long>(cli, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_tenant123'"));
    }

    [Fact]
    public async Task add_shard_then_add_tenant_on_it_with_a_schema_of_its_own()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        var shard = await server.CreateEmptyDatabaseAsync();

        var added = (await cli.RunAsync("add-shard", "eu-2", shard, "-o", "json")).ShouldSucceed();
        var tenant = (await cli.RunAsync("add-tenant", "--tenant", "acme", "--name", "ACME Corp", "--shard", "eu-2", "--schema", "acme_data", "-o", "json")).ShouldSucceed();

        Assert.Equal("eu-2", added.Json.GetProperty("shard").GetString());
        Assert.DoesNotContain("Password", added.Out, StringComparison.OrdinalIgnoreCase);
        var json = tenant.Json;
        Assert.False(json.GetProperty("shardCreated").GetBoolean());
        Assert.Equal(("acme", "ACME Corp", "eu-2", "acme_data"), (json.GetProperty("tenant").GetProperty("key").GetString(),
            json.GetProperty("tenant").GetProperty("displayName").GetString(), json.GetProperty("tenant").GetProperty("shard").GetString(),
            json.GetProperty("tenant").GetProperty("schema").GetString()));
        Assert.Equal(1L, await ScalarAsync<long>(new CliRunner(shard), "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'acme_data'"));
    }

    [Fact]
    public async Task list_tenants_shows_each_modules_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.CreateTenantAsync("globex");
        await t.InstallAsync("acme", "accounting", "2.0.0");
        await t.InstallAsync("acme", "crm", "1.0.0");
        var cli = CliRunner.For(t);

        var human = (await cli.RunAsync("list-tenants")).ShouldSucceed();
        var json = (await cli.RunAsync("list-tenants", "--output", "json")).ShouldSucceed().Json;

        Assert.Contains("accounting 2.0.0, crm 1.0.0", human.Out);
        var tenants = json.GetProperty("tenants").EnumerateArray().ToList();
        Assert.Equal(["acme", "globex"], tenants.Select(x => x.GetProperty("key").GetString()));
        Assert.Equal([("accounting", "2.0.0"), ("crm", "1.0.0")],
            tenants[0].GetProperty("modules").EnumerateArray().Select(m => (m.GetProperty("module").GetString(), m.GetProperty("version").GetString())));
        Assert.Empty(tenants[1].GetProperty("modules").EnumerateArray());
    }

    [Fact]
    public async Task bad_tenant_and_shard_input_is_refused_with_one_line_and_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        await t.CreateTenantAsync("acme");

        (await cli.RunAsync("add-tenant", "-t", "x'; DROP SCHEMA aibos CASCADE;--", "--name", "Evil")).ShouldFailWith(2, "tenant key");
        (await cli.RunAsync("add-tenant", "-t", "Acme", "--name", "Upper")).ShouldFailWith(2, "lower-case");
        (await cli.RunAsync("add-tenant", "-t", "acme", "--name", "Again")).ShouldFailWith(2, "already registered");
        (await cli.RunAsync("add-tenant", "-t", "newco", "--name", "New", "--shard", "eu-9")).ShouldFailWith(4, "add-shard eu-9");
        (await cli.RunAsync("add-tenant", "-t", "newco")).ShouldFailWith(2, "--name");
        (await cli.RunAsync("add-tenant", "-t", "newco", "--name", "New", "--schema", "public")).ShouldFailWith(2, "reserved");
        (await cli.RunAsync("add-shard", "eu-9", "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere")).ShouldFailWith(2, "cannot be reached");
        (await cli.RunAsync("add-shard", "Bad Name", t.ConnectionString)).ShouldFailWith(2, "shard name");

        Assert.Equal(["acme"], await ListAsync(t, "SELECT key FROM aibos.tenants"));
        Assert.Equal(["main"], await ListAsync(t, "SELECT name FROM aibos.shards"));
        Assert.Equal(["tenant_acme"], await ListAsync(t, "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN ('public', 'aibos', 'information_schema') AND schema_name NOT LIKE 'pg_%'"));
    }

    private static async Task<T> ScalarAsync<T>(CliRunner cli, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cli.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(TestEngine t, string sql)
    {
        await using var connection = await t.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql + " ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
