using AiBos.Migrations.Registry;
using AiBos.Migrations.Validation.Lint;

namespace AiBos.Migrations.Tests.Lint;

public sealed class MigrationLinterTests
{
    [Fact]
    public void the_seed_ai_insights_migration_gives_exactly_one_index_without_concurrently()
    {
        const string up = """
            ALTER TABLE financial_reports ADD COLUMN ai_insights JSONB;
            CREATE INDEX idx_financial_reports_ai_insights ON financial_reports USING GIN (ai_insights);
            """;
        const string down = """
            DROP INDEX IF EXISTS idx_financial_reports_ai_insights;
            ALTER TABLE financial_reports DROP COLUMN ai_insights;
            """;

        var findings = MigrationLinter.Lint(up, down, transactional: true);

        var finding = Assert.Single(findings);
        Assert.Equal("index-without-concurrently", finding.Rule);
        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal("CREATE INDEX idx_financial_reports_ai_insights ON financial_reports USING GIN (ai_insights)", finding.Statement);
        Assert.Equal(RiskLevel.High, MigrationLinter.ComputedRisk(findings));
    }

    [Fact]
    public void computed_risk_is_the_highest_severity_found()
    {
        const string up = "ALTER TABLE orders ADD COLUMN note text;\nSET search_path = other;\nCREATE INDEX ON orders (note);";

        var findings = MigrationLinter.Lint(up, downSql: null, transactional: true);

        Assert.Equal(["forbidden-statement", "index-without-concurrently", "missing-down-sql"], findings.Select(f => f.Rule));
        Assert.Equal(RiskLevel.Critical, MigrationLinter.ComputedRisk(findings));
    }

    [Theory]
    [InlineData(RiskLevel.Medium, RiskLevel.Medium)]
    [InlineData(RiskLevel.High, RiskLevel.Medium, RiskLevel.High, RiskLevel.Low)]
    [InlineData(RiskLevel.Critical, RiskLevel.Low, RiskLevel.Critical, RiskLevel.High)]
    public void computed_risk_takes_the_maximum_of_the_severities(RiskLevel expected, params RiskLevel[] severities) =>
        Assert.Equal(expected, MigrationLinter.ComputedRisk(severities.Select(s => new LintFinding("r", s, "", "", ""))));

    [Fact]
    public void computed_risk_is_low_without_findings() =>
        Assert.Equal(RiskLevel.Low, MigrationLinter.ComputedRisk(MigrationLinter.Lint("CREATE TABLE t (id int);", "DROP TABLE t;", true)));

    [Fact]
    public void long_statements_are_shortened_in_findings()
    {
        var columns = string.Join(", ", Enumerable.Range(1, 60).Select(i => $"column_{i}"));

        var finding = Linting.Single("index-without-concurrently", $"CREATE INDEX idx_wide ON orders ({columns});");

        Assert.Equal(LintedStatement.DisplayLength, finding.Statement.Length);
        Assert.StartsWith("CREATE INDEX idx_wide ON orders (column_1, ", finding.Statement);
        Assert.EndsWith("…", finding.Statement);
    }

    [Fact]
    public void linting_is_deterministic()
    {
        const string up = "ALTER TABLE orders RENAME COLUMN a TO b; ALTER TABLE orders ALTER COLUMN c TYPE bigint, ALTER COLUMN d SET NOT NULL; DROP TABLE x;";

        Assert.Equal(MigrationLinter.Lint(up, null, true), MigrationLinter.Lint(up, null, true));
    }
}
