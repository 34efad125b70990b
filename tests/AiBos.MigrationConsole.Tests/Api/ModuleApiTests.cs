using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class ModuleApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_module_folder_registered_by_path_is_listed_with_its_versions_files_and_data_rules()
    {
        await using var api = await ApiScenario.StartAsync(server);

        var registered = await api.Client.PostJsonAsync("/api/v1/modules", new { path = TestPaths.Samples("accounting") });
        var again = await api.Client.PostJsonAsync("/api/v1/modules", new { path = TestPaths.Samples("accounting") });
        var modules = await api.Client.GetJsonAsync("/api/v1/modules");
        await api.RegisterModuleAsync(TestPaths.Scenario("DataTransform", "ledger"));
        var rules = await api.Client.GetJsonAsync("/api/v1/modules/ledger/data-rules?version=2.0.0");

        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal(5, registered.Body!["added"]!.GetValue<int>());
        Assert.All(registered.Body["files"]!.AsArray(), f => Assert.Equal("added", f!["change"]!.GetValue<string>()));
        Assert.Equal(5, again.Body!["unchanged"]!.GetValue<int>());
        var accounting = Assert.Single(modules.Body!.AsArray(), m => m!["name"]!.GetValue<string>() == "accounting");
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0"], accounting!["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        Assert.Equal(["001_create_financial_reports.sql", "002_create_ledger_entries.sql"],
            accounting["versions"]![0]!["migrations"]!.AsArray().Select(m => m!["fileName"]!.GetValue<string>()));
        var rule = Assert.Single(rules.Body!.AsArray());
        Assert.Equal("transform_1", rule!["id"]!.GetValue<string>());
        Assert.Equal("2.0.0", rule["version"]!.GetValue<string>());
        Assert.Equal("ledger_entries", rule["sourceTable"]!.GetValue<string>());
        Assert.Equal(["status = 'active'"], rule["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_module_is_404_and_a_missing_folder_or_bad_version_is_400()
    {
        await using var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));

        var unknown = await api.Client.GetJsonAsync("/api/v1/modules/payroll");
        var unknownRules = await api.Client.GetJsonAsync("/api/v1/modules/payroll/data-rules");
        var unknownVersion = await api.Client.GetJsonAsync("/api/v1/modules/accounting/data-rules?version=9.9.9");
        var badVersion = await api.Client.GetJsonAsync("/api/v1/modules/accounting/data-rules?version=latest");
        var missingFolder = await api.Client.PostJsonAsync("/api/v1/modules", new { path = "/nowhere/payroll" });
        var hostileName = await api.Client.GetJsonAsync("/api/v1/modules/" + Uri.EscapeDataString("crm; DROP TABLE x"));

        unknown.AssertProblem(HttpStatusCode.NotFound, "not-found");
        unknownRules.AssertProblem(HttpStatusCode.NotFound, "not-found");
        Assert.Contains("9.9.9", unknownVersion.AssertProblem(HttpStatusCode.NotFound, "not-found"), StringComparison.Ordinal);
        Assert.Contains("latest", badVersion.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        missingFolder.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        hostileName.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
    }
}
