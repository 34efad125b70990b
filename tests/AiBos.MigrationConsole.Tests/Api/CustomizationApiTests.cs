using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class CustomizationApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static async Task<ApiScenario> StartWithQuarantineAsync(PostgresServer server)
    {
        var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Scenario("CustomizedBilling", "billing"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "billing", "1.0.0");
        await SaveAsync(api, "region", new { label = "Region", binding = "invoices.customer" });
        await SaveAsync(api, "legacy", new { label = "Legacy code", binding = "invoices.legacy_code" });
        var upgrade = await api.Client.PostJsonAsync("/api/v1/migrations?wait=true", new { tenant = "acme", module = "billing", fromVersion = "1.0.0", toVersion = "3.0.0" });
        Assert.Equal("completed", upgrade.Body!["outcome"]!.GetValue<string>());
        return api;
    }

    private static async Task SaveAsync(ApiScenario api, string key, object document)
    {
        var (status, body, _) = await api.Client.PutJsonAsync($"/api/v1/tenants/acme/modules/billing/customizations/custom_field/{key}", document);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(key, body!["key"]!.GetValue<string>());
        Assert.Equal("1.0.0", body["version"]!.GetValue<string>());
        Assert.InRange(body["updatedAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_quarantined_customization_is_listed_and_released_with_a_corrected_document()
    {
        await using var api = await StartWithQuarantineAsync(server);

        var quarantine = await api.Client.GetJsonAsync("/api/v1/tenants/acme/quarantine?module=billing");
        var item = Assert.Single(quarantine.Body!.AsArray());
        var released = await api.Client.PostJsonAsync($"/api/v1/tenants/acme/quarantine/{item!["id"]}/release",
            new { replacement = new { title = "Legacy code", binding = "invoices.customer" } });
        var active = await api.Client.GetJsonAsync("/api/v1/tenants/acme/modules/billing/customizations");
        var afterwards = await api.Client.GetJsonAsync("/api/v1/tenants/acme/quarantine?includeResolved=true");

        Assert.Equal("custom_field/legacy", item["name"]!.GetValue<string>());
        Assert.Contains("legacy_code", item["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, released.Status);
        Assert.Equal("3.0.0", released.Body!["version"]!.GetValue<string>());
        Assert.Contains(active.Body!.AsArray(), d => d!["key"]!.GetValue<string>() == "legacy"
            && d["document"]!["binding"]!.GetValue<string>() == "invoices.customer");
        Assert.Equal("released", Assert.Single(afterwards.Body!.AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_discarded_customization_leaves_the_quarantine_and_bad_ids_are_problems()
    {
        await using var api = await StartWithQuarantineAsync(server);
        var id = Assert.Single((await api.Client.GetJsonAsync("/api/v1/tenants/acme/quarantine")).Body!.AsArray())!["id"]!.GetValue<long>();

        var discarded = await api.Client.PostJsonAsync($"/api/v1/tenants/acme/quarantine/{id}/discard");
        var again = await api.Client.PostJsonAsync($"/api/v1/tenants/acme/quarantine/{id}/discard");
        var unknown = await api.Client.PostJsonAsync("/api/v1/tenants/acme/quarantine/424242/release");
        var badId = await api.Client.PostJsonAsync("/api/v1/tenants/acme/quarantine/first/discard");
        var unknownTenant = await api.Client.GetJsonAsync("/api/v1/tenants/nobody/quarantine");
        var notAnObject = await api.Client.PostRawAsync("/api/v1/tenants/acme/quarantine/1/release", "[1, 2]");

        Assert.Equal(HttpStatusCode.NoContent, discarded.Status);
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/tenants/acme/quarantine")).Body!.AsArray());
        Assert.Contains("is discarded", again.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        unknown.AssertProblem(HttpStatusCode.NotFound, "not-found");
        badId.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        unknownTenant.AssertProblem(HttpStatusCode.NotFound, "not-found");
        notAnObject.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
    }
}
