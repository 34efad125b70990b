using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Tenancy;

/// <summary>Tenant keys end up in schema names: hostile ones are refused before anything touches a database.</summary>
public sealed class TenantKeyTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<long> SchemasAsync(TestEngine t) => t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace");
    private static Task<long> TenantsAsync(TestEngine t) => t.ScalarAsync<long>("SELECT count(*) FROM aibos.tenants");

    [Theory]
    [InlineData("a\";DROP SCHEMA x;--")]
    [InlineData("a'; DROP SCHEMA aibos CASCADE; --")]
    [InlineData("public")]
    [InlineData("pg_toast")]
    [InlineData("pg_catalog")]
    [InlineData("information_schema")]
    [InlineData("aibos")]
    [InlineData("pg_anything")]
    [InlineData("Tenant")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1tenant")]
    [InlineData("_tenant")]
    [InlineData("tenant-1")]
    [InlineData("tenant 1")]
    [InlineData("tenant\n")]
    [InlineData("tenant\u0131")] // dotless i: a letter, but not an ASCII one
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 49: tenant_ + key would pass PostgreSQL's 63-byte limit
    public async Task a_hostile_tenant_key_is_refused_with_a_clear_message_and_nothing_changes(string key)
    {
        await using var t = await TestEngine.StartAsync(server);
        var schemasBefore = await SchemasAsync(t);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterTenantAsync(key, "Hostile", "main", None));

        Assert.Contains("tenant key", refused.Message);
        Assert.Equal(schemasBefore, await SchemasAsync(t));
        Assert.Equal(0L, await TenantsAsync(t));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant%' OR nspname = 'x'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'aibos'"));

        // The same key is refused wherever it is accepted, before any lookup.
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<TenantService>().GetTenantAsync(key, None));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.InstallModuleAsync(key, "accounting", "1.0.0", null, None));
    }

    [Fact]
    public async Task the_longest_allowed_key_gives_a_schema_name_postgresql_keeps_intact()
    {
        await using var t = await TestEngine.StartAsync(server);
        var key = new string('k', Identifiers.MaxTenantKeyLength);

        var tenant = await t.CreateTenantAsync(key);

        Assert.Equal($"tenant_{key}", tenant.Schema);
        Assert.Equal(1L, await t.ScalarAsync<long>($"SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_{key}'"));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("aibos")]
    [InlineData("pg_temp_1")]
    [InlineData("Tenant_acme")]
    [InlineData("acme\";DROP SCHEMA aibos;--")]
    [InlineData("tenant_acme\n")]
    public async Task a_hostile_explicit_schema_name_is_refused_and_nothing_changes(string schema)
    {
        await using var t = await TestEngine.StartAsync(server);
        var schemasBefore = await SchemasAsync(t);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterTenantAsync("acme", "Acme", "main", None, schema));

        Assert.Contains("schema name", refused.Message);
        Assert.Equal(schemasBefore, await SchemasAsync(t));
        Assert.Equal(0L, await TenantsAsync(t));
    }
}
