using System.Text.Json.Nodes;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Customizations;

/// <summary>
/// Tenant "acme" on billing 1.0.0 (scenario CustomizedBilling: rules in 2.0.0 and 3.0.0, 3.0.0 drops
/// invoices.legacy_code) with four customizations, one of them bound to the column 3.0.0 drops.
/// </summary>
internal static class CustomizedTenant
{
    public const string Tenant = "acme";

    public static async Task<TestEngine> StartAsync(PostgresServer server, string scenario = "CustomizedBilling")
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync(scenario, "billing");
        await t.CreateTenantAsync(Tenant);
        await t.InstallAsync(Tenant, "billing", "1.0.0");
        await SaveAsync(t, "custom_field", "region", """{"label":"Region","binding":"invoices.customer"}""");
        await SaveAsync(t, "custom_field", "legacy", """{"label":"Legacy code","binding":"invoices.legacy_code"}""");
        await SaveAsync(t, "report_layout", "monthly", """{"chart":"pie3d","width":"640"}""");
        await SaveAsync(t, "setting", "theme", """{"color":"blue"}""");
        return t;
    }

    public static Task SaveAsync(TestEngine t, string kind, string key, string json) =>
        t.Engine.SaveTenantCustomizationAsync(Tenant, "billing", kind, key, JsonNode.Parse(json), "ops-alice", CancellationToken.None);

    /// <summary>Every stored column of every document, exactly (updated_at to the microsecond).</summary>
    public static Task<string> DocumentsAsync(TestEngine t) => t.ScalarAsync<string>($"""
        SELECT coalesce(string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s', module, kind, key, version, revision, document::text, updated_at, updated_by),
                                   E'\n' ORDER BY module, kind, key), '')
        FROM tenant_{Tenant}.aibos_customizations
        """);

    public static async Task<Dictionary<string, string>> ContentsAsync(TestEngine t)
    {
        var documents = await t.Engine.GetTenantCustomizationsAsync(Tenant, "billing", CancellationToken.None);
        return documents.ToDictionary(d => d.Name, d => $"{d.Version} {d.Document.ToJsonString()}");
    }
}
