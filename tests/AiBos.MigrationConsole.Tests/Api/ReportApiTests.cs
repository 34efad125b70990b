using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class ReportApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Statistics_count_runs_per_module_and_version_and_the_drift_report_names_a_changed_tenant()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        await api.Client.PostJsonAsync("/api/v1/migrations?wait=true", new { tenant = "acme", module = "accounting", fromVersion = "1.0.0", toVersion = "2.0.0" });

        var statistics = await api.Client.GetJsonAsync("/api/v1/statistics?module=accounting");
        var driftBefore = await api.Client.GetJsonAsync("/api/v1/modules/accounting/drift");
        await api.ExecuteSqlAsync("ALTER TABLE tenant_acme.financial_reports ADD COLUMN added_by_hand text");
        var driftAfter = await api.Client.GetJsonAsync("/api/v1/modules/accounting/drift?version=2.0.0");
        var hostileModule = await api.Client.GetJsonAsync("/api/v1/statistics?module=" + Uri.EscapeDataString("x;--"));

        Assert.Equal(HttpStatusCode.OK, statistics.Status);
        var module = Assert.Single(statistics.Body!["modules"]!.AsArray());
        Assert.Equal("accounting", module!["module"]!.GetValue<string>());
        Assert.Equal(2, module["completed"]!.GetValue<int>());
        Assert.Equal(1.0, module["successRate"]!.GetValue<double>());
        Assert.Contains(statistics.Body["versions"]!.AsArray(), v => v!["version"]!.GetValue<string>() == "2.0.0" && v["successRate"]!.GetValue<double>() == 1.0);
        Assert.Empty(driftBefore.Body!.AsArray());
        var drifted = Assert.Single(driftAfter.Body!.AsArray());
        Assert.Equal("acme", drifted!["tenant"]!.GetValue<string>());
        Assert.Contains(drifted["differences"]!.AsArray(), d => d!.GetValue<string>().Contains("added_by_hand", StringComparison.Ordinal));
        hostileModule.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
    }
}
