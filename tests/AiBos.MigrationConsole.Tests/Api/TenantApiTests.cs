using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class TenantApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_registered_tenant_is_listed_and_shown_with_its_installed_module_versions()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));

        var created = await api.Client.PostJsonAsync("/api/v1/tenants", new { key = "acme", displayName = "Acme Corp" });
        await api.InstallAsync("acme", "accounting", "1.0.0");
        var list = await api.Client.GetJsonAsync("/api/v1/tenants");
        var one = await api.Client.GetJsonAsync("/api/v1/tenants/acme");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("/api/v1/tenants/acme", created.Response.Headers.Location?.ToString());
        Assert.Equal("main", created.Body!["shard"]!.GetValue<string>());
        Assert.Equal("tenant_acme", created.Body["schema"]!.GetValue<string>());
        Assert.Equal(["acme"], list.Body!.AsArray().Select(t => t!["key"]!.GetValue<string>()));
        Assert.Equal("Acme Corp", one.Body!["displayName"]!.GetValue<string>());
        var module = Assert.Single(one.Body["modules"]!.AsArray());
        Assert.Equal("accounting", module!["module"]!.GetValue<string>());
        Assert.Equal("1.0.0", module["version"]!.GetValue<string>());
        Assert.Equal(1L, await api.CountAsync("information_schema.tables WHERE table_schema = 'tenant_acme' AND table_name = 'financial_reports'"));
    }

    [Fact]
    public async Task An_unknown_tenant_is_404_and_a_hostile_key_is_400_saying_what_a_key_may_hold()
    {
        await using var api = await ApiScenario.StartAsync(server);

        var unknown = await api.Client.GetJsonAsync("/api/v1/tenants/nobody");
        var hostile = await api.Client.GetJsonAsync("/api/v1/tenants/" + Uri.EscapeDataString("x\"; DROP SCHEMA public; --"));
        var hostileRegistration = await api.Client.PostJsonAsync("/api/v1/tenants", new { key = "Robert'); DROP TABLE tenants;--", displayName = "Bobby" });

        Assert.Contains("nobody", unknown.AssertProblem(HttpStatusCode.NotFound, "not-found"), StringComparison.Ordinal);
        hostile.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        hostileRegistration.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/tenants")).Body!.AsArray());
    }

    [Fact]
    public async Task A_malformed_or_incomplete_body_is_400_and_registers_nothing()
    {
        await using var api = await ApiScenario.StartAsync(server);

        var malformed = await api.Client.PostRawAsync("/api/v1/tenants", "{\"key\": \"acme\", ");
        var wrongType = await api.Client.PostRawAsync("/api/v1/tenants", "{\"key\": 42, \"displayName\": \"Acme\"}");
        var notJson = await api.Client.PostRawAsync("/api/v1/tenants", "key=acme", "application/x-www-form-urlencoded");
        var missingName = await api.Client.PostJsonAsync("/api/v1/tenants", new { key = "acme" });
        var unknownShard = await api.Client.PostJsonAsync("/api/v1/tenants", new { key = "acme", displayName = "Acme", shard = "eu-west" });

        Assert.Contains("not valid JSON", malformed.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Contains("$.key", wrongType.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", notJson.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Contains("displayName", missingName.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Contains("eu-west", unknownShard.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/tenants")).Body!.AsArray());
    }

    [Fact]
    public async Task A_shard_that_cannot_be_reached_is_503_not_a_fault_of_the_request()
    {
        await using var api = await ApiScenario.StartAsync(server);
        // A shard whose server went away after it was added (adding one tests its connection first).
        await api.ExecuteSqlAsync("INSERT INTO aibos.shards (name, connection_string, created_at) " +
            "VALUES ('gone', 'Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=2', now())");

        var answer = await api.Client.PostJsonAsync("/api/v1/tenants", new { key = "acme", displayName = "Acme", shard = "gone" });

        Assert.Contains("did not answer", answer.AssertProblem(HttpStatusCode.ServiceUnavailable, "database-unreachable"), StringComparison.Ordinal);
        Assert.DoesNotContain("Port=1", answer.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/tenants")).Body!.AsArray());
    }
}
