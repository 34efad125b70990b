using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Lint;

public sealed class ForbiddenStatementTests
{
    [Theory]
    [InlineData("SET ROLE postgres")]
    [InlineData("SET LOCAL ROLE admin")]
    [InlineData("SET SESSION AUTHORIZATION admin")]
    [InlineData("RESET ROLE")]
    [InlineData("SET search_path TO tenant_other, public")]
    [InlineData("SET LOCAL search_path = public")]
    [InlineData("SELECT set_config('search_path', 'tenant_other', false)")]
    [InlineData("SELECT pg_catalog.set_config( 'role', 'admin', true)")]
    [InlineData("ALTER SYSTEM SET max_connections = 500")]
    [InlineData("COPY orders FROM PROGRAM 'curl https://example.com/orders.csv'")]
    [InlineData("COPY orders TO '/tmp/orders.csv' WITH (FORMAT csv)")]
    [InlineData("COPY (SELECT * FROM orders) TO '/tmp/orders.csv'")]
    [InlineData("SELECT lo_import('/etc/passwd')")]
    [InlineData("SELECT lo_export(42, '/tmp/out')")]
    public void statements_that_escape_the_tenant_are_critical(string sql)
    {
        var finding = Linting.Single("forbidden-statement", sql + ";");

        Assert.Equal(RiskLevel.Critical, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.NotEmpty(finding.SaferAlternative);
    }

    [Theory]
    [InlineData("CREATE EXTENSION IF NOT EXISTS pgcrypto", true)]
    [InlineData("DROP EXTENSION pg_trgm", false)]
    [InlineData("VACUUM ANALYZE orders", true)]
    public void extensions_and_vacuum_in_a_transaction_are_high_risk(string sql, bool transactional)
    {
        var finding = Linting.Single("forbidden-statement", sql + ";", transactional);

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
    }

    [Theory]
    [InlineData("VACUUM ANALYZE orders;", false)]
    [InlineData("ANALYZE orders;", true)]
    [InlineData("SET lock_timeout = '5s';", true)]
    [InlineData("SET LOCAL statement_timeout = '1min';", true)]
    [InlineData("SELECT set_config('app.search_path_note', 'role', true);", true)]
    [InlineData("COPY orders FROM STDIN;", true)]
    [InlineData("DO $$ BEGIN EXECUTE 'SET ROLE admin'; PERFORM set_config('search_path', 'x', true); END $$;", true)]
    [InlineData("INSERT INTO notes (body) VALUES ('ALTER SYSTEM SET x = 1; COPY t TO PROGRAM ''rm''');", true)]
    public void harmless_settings_client_copies_and_do_blocks_are_not_flagged(string sql, bool transactional) =>
        Linting.None("forbidden-statement", sql, transactional);
}
