using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Validation;

namespace AiBos.Migrations.Tests.Validation;

public sealed class PreviewTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task a_clean_preview_is_valid_and_shows_plan_volume_estimate_dependencies_and_risk()
    {
        await using var t = await StartAsync();

        var report = await t.Engine.ValidateMigrationAsync("tenant123", "accounting", "1.0.0", "2.0.0", null, None);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Equal(["accounting:1.1.0/003_add_ledger_currency.sql", "accounting:2.0.0/001_add_ai_insights.sql", "accounting:2.0.0/002_create_report_snapshots.sql"],
            report.Compatibility.Plan.Select(p => p.Migration));
        Assert.True(report.Compatibility.AtFromVersion);
        Assert.Empty(report.Compatibility.Drift);
        Assert.Contains(report.DataVolume.Tables, v => v.Table == "financial_reports" && v.Rows > 0 && v.Bytes > 0);
        Assert.Contains(report.DataVolume.Estimate.Migrations, e => e is { Migration: "accounting:2.0.0/001_add_ai_insights.sql", Basis: "declared" } && e.Estimate == TimeSpan.FromSeconds(10));
        Assert.Contains(report.Dependencies.Items, d => d is { Migration: "accounting:2.0.0/001_add_ai_insights.sql", Satisfied: true });
        Assert.Contains(report.Risk.Findings, f => f is { Rule: "index-without-concurrently", Migration: "accounting:2.0.0/001_add_ai_insights.sql" });
        Assert.Equal(RiskLevel.Medium, report.Risk.Declared);
        Assert.True(report.Risk.Overall >= report.Risk.Computed && report.Risk.Overall >= report.Risk.Declared);
    }

    [Fact]
    public async Task hand_made_drift_is_reported_by_object_and_makes_the_preview_invalid()
    {
        await using var t = await StartAsync();
        await t.ExecuteAsync("""
            CREATE INDEX idx_hand_made ON tenant_tenant123.ledger_entries (description);
            ALTER TABLE tenant_tenant123.financial_reports ADD COLUMN approved_by text;
            CREATE TABLE tenant_tenant123.scratchpad (note text);
            """);

        var report = await t.Engine.ValidateMigrationAsync("tenant123", "accounting", "1.0.0", "2.0.0", null, None);

        Assert.False(report.IsValid);
        Assert.Contains(report.Compatibility.Drift, d => d.StartsWith("unexpected index idx_hand_made", StringComparison.Ordinal));
        Assert.Contains(report.Compatibility.Drift, d => d.StartsWith("unexpected column financial_reports.approved_by", StringComparison.Ordinal));
        Assert.Equal(["scratchpad"], report.Compatibility.UnownedRelations);
        Assert.Contains(report.Warnings, w => w.Contains("scratchpad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_tampered_history_checksum_makes_the_preview_invalid()
    {
        await using var t = await StartAsync();
        await t.ExecuteAsync("UPDATE tenant_tenant123.aibos_schema_history SET checksum = 'tampered' WHERE file_name = '001_create_financial_reports.sql'");

        var report = await t.Engine.ValidateMigrationAsync("tenant123", "accounting", "1.0.0", "2.0.0", null, None);

        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Contains("checksum", StringComparison.Ordinal) && e.Contains("001_create_financial_reports.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_missing_dependency_makes_the_preview_invalid_and_names_it()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "crm", "1.0.0");

        var report = await t.Engine.ValidateMigrationAsync("acme", "crm", "1.0.0", "2.0.0", null, None);

        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Contains("accounting:1.0.0/001_create_financial_reports.sql", StringComparison.Ordinal));
        Assert.Contains(report.Dependencies.Items, d => d is { Requires: "accounting:1.0.0/001_create_financial_reports.sql", Satisfied: false });
    }

    [Fact]
    public async Task bad_preview_requests_are_refused_clearly()
    {
        await using var t = await StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.ValidateMigrationAsync("nobody", "accounting", "1.0.0", "2.0.0", null, None));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.ValidateMigrationAsync("tenant123", "accounting", "1.0", "2.0.0", null, None));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.ValidateMigrationAsync("tenant123", "accounting", "1.0.0", "9.0.0", null, None));
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.ValidateMigrationAsync("tenant123", "payroll", "1.0.0", "2.0.0", null, None));
    }

    [Fact]
    public async Task validating_a_result_checks_queries_and_the_reference_and_the_drift_report_names_drifted_tenants()
    {
        await using var t = await StartAsync();
        await t.CreateTenantAsync("globex");
        await t.InstallAsync("globex", "accounting", "1.0.0");
        Assert.IsType<AiBos.Migrations.Execution.Completed>(await t.MigrateAsync("tenant123", "accounting", "1.0.0", "2.0.0"));

        var valid = await t.Engine.ValidateMigrationResultAsync("tenant123", "accounting", "2.0.0", None);
        Assert.True(valid.IsValid, string.Join("\n", valid.Problems));
        Assert.Contains(valid.Checks, c => c.Contains("schema matches the reference", StringComparison.Ordinal));

        await t.ExecuteAsync("ALTER TABLE tenant_globex.ledger_entries ALTER COLUMN description SET NOT NULL");
        var drifted = await t.Engine.ValidateMigrationResultAsync("globex", "accounting", "1.0.0", None);
        Assert.False(drifted.IsValid);
        Assert.Contains(drifted.Problems, p => p.Contains("column ledger_entries.description", StringComparison.Ordinal));

        var report = await t.Engine.DriftReportAsync("accounting", null, None);
        var entry = Assert.Single(report);
        Assert.Equal(("globex", "1.0.0"), (entry.Tenant, entry.Version));
        Assert.Empty(await t.Engine.DriftReportAsync("accounting", "2.0.0", None));
    }

    private async Task<TestEngine> StartAsync()
    {
        var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("tenant123");
        await t.InstallAsync("tenant123", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("tenant123", "accounting");
        return t;
    }
}
