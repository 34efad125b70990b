using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Lint;

public sealed class BreakingChangeRuleTests
{
    [Theory]
    [InlineData("rename-column", "ALTER TABLE orders RENAME COLUMN total TO amount")]
    [InlineData("rename-column", "ALTER TABLE IF EXISTS ONLY orders RENAME total TO amount")]
    [InlineData("rename-table", "ALTER TABLE orders RENAME TO purchase_orders")]
    [InlineData("drop-column", "ALTER TABLE orders DROP COLUMN legacy_code")]
    [InlineData("drop-column", "ALTER TABLE orders DROP IF EXISTS legacy_code CASCADE")]
    [InlineData("drop-table", "DROP TABLE legacy_orders")]
    [InlineData("drop-table", "DROP TABLE IF EXISTS legacy_orders, legacy_lines CASCADE")]
    public void renames_and_drops_break_running_code_or_lose_data(string rule, string sql)
    {
        var finding = Linting.Single(rule, sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.NotEmpty(finding.SaferAlternative);
    }

    [Theory]
    [InlineData("rename-column", "ALTER TABLE orders RENAME CONSTRAINT chk_total TO chk_amount")]
    [InlineData("rename-column", "ALTER INDEX idx_orders_total RENAME TO idx_orders_amount")]
    [InlineData("rename-table", "ALTER TABLE orders RENAME COLUMN total TO amount")]
    [InlineData("rename-table", "ALTER SEQUENCE orders_seq RENAME TO orders_number_seq")]
    [InlineData("drop-column", "ALTER TABLE orders DROP CONSTRAINT chk_orders_amount")]
    [InlineData("drop-column", "ALTER TABLE orders ALTER COLUMN amount DROP DEFAULT")]
    [InlineData("drop-table", "DROP INDEX IF EXISTS idx_orders_total")]
    [InlineData("drop-table", "DROP VIEW IF EXISTS order_totals")]
    [InlineData("drop-table", "CREATE TEMP TABLE staging (id int); INSERT INTO staging SELECT id FROM orders; DROP TABLE staging")]
    [InlineData("drop-column", "CREATE TABLE orders (id int, tmp int); ALTER TABLE orders DROP COLUMN tmp")]
    [InlineData("rename-column", "CREATE TABLE orders (id int); ALTER TABLE orders RENAME COLUMN id TO order_id")]
    public void safe_neighbours_and_tables_the_script_creates_are_not_flagged(string rule, string sql) =>
        Linting.None(rule, sql);
}
