using AiBos.Migrations.Registry;
using AiBos.Migrations.Validation.Lint;

namespace AiBos.Migrations.Tests.Lint;

public sealed class ScriptRuleTests
{
    private const string AddColumn = "ALTER TABLE orders ADD COLUMN note text;";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t")]
    public void a_migration_without_down_sql_is_medium_risk(string? downSql)
    {
        var finding = Assert.Single(MigrationLinter.Lint(AddColumn, downSql, transactional: true));

        Assert.Equal("missing-down-sql", finding.Rule);
        Assert.Equal(RiskLevel.Medium, finding.Severity);
        Assert.Equal("", finding.Statement);
        Assert.Contains("down", finding.SaferAlternative);
    }

    [Fact]
    public void a_migration_with_down_sql_is_not_flagged() =>
        Assert.Empty(MigrationLinter.Lint(AddColumn, "ALTER TABLE orders DROP COLUMN IF EXISTS note;", transactional: true));

    [Theory]
    [InlineData("BEGIN")]
    [InlineData("START TRANSACTION ISOLATION LEVEL SERIALIZABLE")]
    [InlineData("COMMIT")]
    [InlineData("ROLLBACK")]
    [InlineData("END")]
    [InlineData("SAVEPOINT before_backfill")]
    [InlineData("RELEASE SAVEPOINT before_backfill")]
    [InlineData("ROLLBACK TO SAVEPOINT before_backfill")]
    public void transaction_control_in_the_script_is_high_risk(string sql)
    {
        var finding = Linting.Single("transaction-control", $"{AddColumn}\n{sql};\nUPDATE orders SET note = '';");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("transactional", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("DO $$ BEGIN UPDATE orders SET note = ''; COMMIT; END $$;")]
    [InlineData("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND\n$fn$;")]
    [InlineData("UPDATE orders SET status = 'end' WHERE status = 'commit';")]
    public void transaction_words_inside_bodies_and_strings_are_not_flagged(string sql) =>
        Linting.None("transaction-control", sql);
}
