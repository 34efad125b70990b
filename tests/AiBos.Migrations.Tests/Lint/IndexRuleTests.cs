using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Lint;

public sealed class IndexRuleTests
{
    [Theory]
    [InlineData("CREATE INDEX idx_orders_customer ON orders (customer_id)")]
    [InlineData("CREATE UNIQUE INDEX idx_orders_number ON public.orders (number)")]
    [InlineData("create index on only \"Orders\" using gin (tags)")]
    [InlineData("CREATE INDEX IF NOT EXISTS idx_orders_tags ON orders USING gin (tags)")]
    public void a_plain_create_index_on_an_existing_table_is_high_risk(string sql)
    {
        var finding = Linting.Single("index-without-concurrently", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("CONCURRENTLY", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);", false)]
    [InlineData("CREATE TABLE orders (id bigint, customer_id bigint);\nCREATE INDEX idx_orders_customer ON orders (customer_id);", true)]
    [InlineData("CREATE TABLE IF NOT EXISTS app.\"Orders\" (id bigint);\nCREATE UNIQUE INDEX ON \"Orders\" (id);", true)]
    [InlineData("CREATE UNLOGGED TABLE \"Order Lines\" (id bigint);\nCREATE INDEX \"by id\" ON public.\"Order Lines\" (id);", true)]
    public void concurrent_builds_and_indexes_on_tables_the_script_creates_are_not_flagged(string sql, bool transactional) =>
        Linting.None("index-without-concurrently", sql, transactional);

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id)")]
    [InlineData("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_number ON orders (number)")]
    [InlineData("DROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer")]
    [InlineData("REINDEX INDEX CONCURRENTLY idx_orders_customer")]
    [InlineData("REINDEX (VERBOSE) TABLE CONCURRENTLY orders")]
    [InlineData("ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY")]
    public void concurrently_in_a_transactional_migration_always_fails_so_it_is_high_risk(string sql)
    {
        var finding = Linting.Single("concurrently-in-transaction", sql + ";", transactional: true);

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("transactional: false", finding.SaferAlternative);
    }

    [Fact]
    public void concurrently_sharing_a_non_transactional_file_with_other_statements_is_medium_risk()
    {
        const string sql = "ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY idx_orders_note ON orders (note);";

        var finding = Linting.Single("concurrently-in-transaction", sql, transactional: false);

        Assert.Equal(RiskLevel.Medium, finding.Severity);
        Assert.Equal("CREATE INDEX CONCURRENTLY idx_orders_note ON orders (note)", finding.Statement);
    }

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);")]
    [InlineData("-- build without blocking writes\nDROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer;\n")]
    public void concurrently_alone_in_a_non_transactional_migration_is_not_flagged(string sql) =>
        Assert.Empty(Linting.Lint(sql, transactional: false));
}
