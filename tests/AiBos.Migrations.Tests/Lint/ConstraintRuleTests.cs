using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Lint;

public sealed class ConstraintRuleTests
{
    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)")]
    [InlineData("ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0)")]
    [InlineData("ALTER TABLE orders ADD CHECK (amount >= 0 AND status IN ('new', 'paid'))")]
    [InlineData("ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id)")]
    public void a_foreign_key_or_check_validated_at_once_is_high_risk(string sql)
    {
        var finding = Linting.Single("constraint-without-not-valid", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("NOT VALID", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0) NOT VALID")]
    [InlineData("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer")]
    [InlineData("ALTER TABLE orders ADD COLUMN \"check\" text")]
    [InlineData("CREATE TABLE orders (id int, amount int); ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0)")]
    [InlineData("CREATE TABLE order_lines (order_id bigint REFERENCES orders (id), CHECK (order_id > 0))")]
    public void not_valid_constraints_validation_and_new_tables_are_not_flagged(string sql) =>
        Linting.None("constraint-without-not-valid", sql);

    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT uq_orders_number UNIQUE (number)")]
    [InlineData("ALTER TABLE orders ADD PRIMARY KEY (id)")]
    [InlineData("ALTER TABLE orders ADD COLUMN code text UNIQUE")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT uq_orders_number UNIQUE (number) USING INDEX TABLESPACE fast")]
    public void a_unique_or_primary_key_constraint_built_in_place_is_high_risk(string sql)
    {
        var finding = Linting.Single("unique-or-primary-key-added-directly", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("CREATE UNIQUE INDEX CONCURRENTLY", finding.SaferAlternative);
        Assert.Contains("USING INDEX", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT uq_orders_number UNIQUE USING INDEX idx_orders_number")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX idx_orders_id")]
    [InlineData("ALTER TABLE orders ADD COLUMN \"unique\" boolean")]
    [InlineData("CREATE TABLE orders (id int); ALTER TABLE orders ADD PRIMARY KEY (id)")]
    public void constraints_attached_to_a_prebuilt_index_and_new_tables_are_not_flagged(string sql) =>
        Linting.None("unique-or-primary-key-added-directly", sql);
}
