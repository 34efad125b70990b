using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Tests.Tenancy;

namespace AiBos.Migrations.Tests.Registry;

/// <summary>Registering whole module folders as shipped on disk.</summary>
public sealed class ModuleFolderTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<long> CountAsync(TestEngine t, string table) => t.ScalarAsync<long>($"SELECT count(*) FROM aibos.{table}");

    [Fact]
    public async Task registering_the_accounting_folder_registers_its_versions_and_files_with_their_metadata()
    {
        await using var t = await TestEngine.StartAsync(server);
        var registry = t.Get<MigrationRegistry>();
        var folder = TestPaths.Samples("accounting");

        var result = await t.Engine.RegisterModuleFolderAsync(folder, replace: false, None);

        Assert.Equal(5, result.Added);
        Assert.All(result.Files, f => Assert.Equal("accounting", f.Module));
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0"], (await registry.GetVersionsAsync("accounting", None)).Select(v => v.ToString()));
        Assert.Equal(3L, await CountAsync(t, "module_versions"));
        Assert.Equal("General ledger and financial reporting", await t.ScalarAsync<string>("SELECT description FROM aibos.modules WHERE name = 'accounting'"));

        var migrations = await registry.GetMigrationsAsync("accounting", None);
        Assert.Equal(
            ["1.0.0/001_create_financial_reports.sql", "1.0.0/002_create_ledger_entries.sql", "1.1.0/003_add_ledger_currency.sql",
             "2.0.0/001_add_ai_insights.sql", "2.0.0/002_create_report_snapshots.sql"],
            migrations.Select(m => $"{m.Version}/{m.FileName}"));
        foreach (var m in migrations)
        {
            var path = Path.Combine(folder, m.Version.ToString(), m.FileName);
            Assert.Equal(File.ReadAllText(path), m.UpSql);
            Assert.Equal(File.ReadAllText(path[..^".sql".Length] + ".down.sql"), m.DownSql);
            Assert.Equal(SqlChecksum.Compute(File.ReadAllText(path)), m.Checksum);
        }

        var insights = migrations.Single(m => m.FileName == "001_add_ai_insights.sql");
        Assert.Equal(SemanticVersion.Parse("2.0.0"), insights.Version);
        Assert.Equal([new DependencyRef("accounting", null, "001_create_financial_reports.sql")], insights.Dependencies);
        Assert.Equal([new ValidationQuery("SELECT COUNT(*) FROM financial_reports WHERE ai_insights IS NULL;")], insights.ValidationQueries);
        Assert.Equal(RiskLevel.Medium, insights.DeclaredRisk);
        Assert.Equal(10, insights.EstimatedSeconds);
        Assert.True(insights.Transactional);
        Assert.Equal("medium", await t.ScalarAsync<string>("SELECT declared_risk FROM aibos.schema_migrations WHERE file_name = '001_add_ai_insights.sql'"));
        Assert.Equal(10, await t.ScalarAsync<int>("SELECT estimated_seconds FROM aibos.schema_migrations WHERE file_name = '001_add_ai_insights.sql'"));

        var reports = migrations.Single(m => m.FileName == "001_create_financial_reports.sql");
        Assert.Equal(
            [new ValidationQuery("SELECT to_regclass('financial_reports') IS NOT NULL;"),
             new ValidationQuery("SELECT count(*) FROM financial_reports WHERE status NOT IN ('draft', 'final');", "0")],
            reports.ValidationQueries);
        Assert.Empty(reports.Dependencies);
        Assert.Equal(2, reports.EstimatedSeconds);
        Assert.Equal(RiskLevel.Low, reports.DeclaredRisk);

        var snapshots = migrations.Single(m => m.FileName == "002_create_report_snapshots.sql");
        Assert.Equal(["001_create_financial_reports.sql", "001_add_ai_insights.sql"], snapshots.Dependencies.Select(d => d.File));
    }

    [Fact]
    public async Task registering_the_same_folder_a_second_time_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        var rowsBefore = await t.ScalarAsync<string>(
            "SELECT string_agg(id || ':' || version || ':' || file_name || ':' || checksum || ':' || registered_at, ',' ORDER BY id) FROM aibos.schema_migrations");

        var again = await t.Engine.RegisterModuleFolderAsync(TestPaths.Samples("accounting"), replace: false, None);

        Assert.Equal(5, again.Files.Count);
        Assert.All(again.Files, f => Assert.Equal(RegistrationChange.Unchanged, f.Change));
        Assert.Equal(rowsBefore, await t.ScalarAsync<string>(
            "SELECT string_agg(id || ':' || version || ':' || file_name || ':' || checksum || ':' || registered_at, ',' ORDER BY id) FROM aibos.schema_migrations"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL"));
        Assert.Equal(3L, await CountAsync(t, "module_versions"));
        Assert.Equal(1L, await CountAsync(t, "modules"));
    }

    [Fact]
    public async Task registering_the_same_folder_with_crlf_line_endings_after_a_tenant_applied_it_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "2.0.0");
        var root = Path.Combine(Path.GetTempPath(), $"aibos-crlf-{Guid.NewGuid():N}");
        var copy = Path.Combine(root, "accounting");
        try
        {
            // The same module as checked out on Windows: CRLF everywhere, and an editor's trailing blanks.
            foreach (var file in Directory.GetFiles(TestPaths.Samples("accounting"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(TestPaths.Samples("accounting"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
                if (file.EndsWith(".sql", StringComparison.Ordinal)) text = text.Replace("\n", "  \n", StringComparison.Ordinal);
                File.WriteAllText(target, text.Replace("\n", "\r\n", StringComparison.Ordinal));
            }

            var again = await t.Engine.RegisterModuleFolderAsync(copy, replace: false, None);

            Assert.Equal(5, again.Files.Count);
            Assert.All(again.Files, f => Assert.Equal(RegistrationChange.Unchanged, f.Change));
            Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL OR up_sql LIKE '%' || chr(13) || '%'"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("BadMetadataJson", "002_seed_invoices.json")]
    [InlineData("BadRiskLevel", "002_seed_invoices.json")]
    [InlineData("BadManifest", "module.json")]
    [InlineData("LatestVersionFolder", "latest")]
    [InlineData("OrphanDownFile", "003_add_due_date.down.sql")]
    public async Task a_module_folder_with_an_invalid_file_is_refused_naming_it_and_nothing_of_the_folder_is_registered(string scenario, string named)
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.RegisterScenarioAsync(scenario, "billing"));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains(Path.Combine(scenario, "billing"), problem);
        Assert.Contains(named, problem);
        Assert.Equal(0L, await CountAsync(t, "schema_migrations"));
        Assert.Equal(0L, await CountAsync(t, "modules"));
        Assert.Equal(0L, await CountAsync(t, "module_versions"));
    }

    [Fact]
    public async Task a_module_folder_that_does_not_exist_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterModuleFolderAsync(TestPaths.Scenario("NoSuchScenario", "billing"), replace: false, None));

        Assert.Contains("does not exist", refused.Message);
        Assert.Equal(0L, await CountAsync(t, "modules"));
    }
}
