using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Tests.Lint;

public sealed class ColumnRuleTests
{
    [Theory]
    [InlineData("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()")]
    [InlineData("ALTER TABLE orders ADD COLUMN score float8 DEFAULT random()")]
    [InlineData("ALTER TABLE orders ADD seen_at timestamptz DEFAULT clock_timestamp()")]
    [InlineData("ALTER TABLE orders ADD COLUMN stamp text DEFAULT timeofday()")]
    [InlineData("ALTER TABLE orders ADD COLUMN number bigint DEFAULT nextval('orders_number_seq')")]
    [InlineData("ALTER TABLE orders ADD COLUMN IF NOT EXISTS ref uuid NOT NULL DEFAULT uuid_generate_v4 ()")]
    [InlineData("ALTER TABLE orders ADD COLUMN seq bigserial")]
    [InlineData("ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY")]
    public void adding_a_column_with_a_volatile_default_rewrites_the_table(string sql)
    {
        var finding = Linting.Single("volatile-default", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("rewrites", finding.Message);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()")]
    [InlineData("ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT current_timestamp")]
    [InlineData("ALTER TABLE orders ADD COLUMN label text DEFAULT 'random()'")]
    [InlineData("ALTER TABLE orders ADD COLUMN token uuid; ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid()")]
    [InlineData("CREATE TABLE orders (id int); ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()")]
    public void stable_or_constant_defaults_and_new_tables_are_not_flagged_as_volatile(string sql) =>
        Linting.None("volatile-default", sql);

    [Theory]
    [InlineData("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2)")]
    [InlineData("ALTER TABLE orders ALTER amount SET DATA TYPE bigint USING amount::bigint")]
    [InlineData("ALTER TABLE orders ALTER COLUMN name TYPE varchar(200)")]
    public void changing_a_column_type_is_high_risk_and_names_the_cheap_exceptions(string sql)
    {
        var finding = Linting.Single("column-type-change", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("varchar", finding.Message);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ALTER COLUMN amount SET DEFAULT 0")]
    [InlineData("ALTER TABLE orders ADD COLUMN amount_v2 numeric(12, 2)")]
    [InlineData("CREATE TABLE orders (amount int); ALTER TABLE orders ALTER COLUMN amount TYPE bigint")]
    public void other_column_changes_and_new_tables_are_not_flagged_as_type_changes(string sql) =>
        Linting.None("column-type-change", sql);

    [Theory]
    [InlineData("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL")]
    [InlineData("ALTER TABLE orders ALTER customer_id SET NOT NULL, ALTER COLUMN note DROP DEFAULT")]
    public void set_not_null_on_an_existing_table_is_high_risk(string sql)
    {
        var finding = Linting.Single("set-not-null", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("NOT VALID", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID")]
    [InlineData("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null; ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL")]
    [InlineData("ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL")]
    [InlineData("CREATE TABLE orders (customer_id int); ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL")]
    public void the_not_valid_check_path_and_new_tables_are_not_flagged_as_set_not_null(string sql) =>
        Linting.None("set-not-null", sql);

    [Theory]
    [InlineData("ALTER TABLE orders ADD COLUMN status text NOT NULL")]
    [InlineData("ALTER TABLE orders ADD status text NOT NULL CHECK (status <> '')")]
    [InlineData("ALTER TABLE orders ADD COLUMN IF NOT EXISTS code int PRIMARY KEY")]
    [InlineData("ALTER TABLE ONLY public.\"Orders\" ADD COLUMN \"default\" text NOT NULL")]
    public void a_not_null_column_without_default_fails_on_tables_with_rows(string sql)
    {
        var finding = Linting.Single("not-null-without-default", sql + ";");

        Assert.Equal(RiskLevel.High, finding.Severity);
        Assert.Equal(sql, finding.Statement);
        Assert.Contains("DEFAULT", finding.SaferAlternative);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'")]
    [InlineData("ALTER TABLE orders ADD COLUMN note text CHECK (note IS NOT NULL OR status = 'draft')")]
    [InlineData("ALTER TABLE orders ADD COLUMN seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY")]
    [InlineData("ALTER TABLE orders ADD COLUMN seq serial NOT NULL")]
    [InlineData("CREATE TABLE orders (id int); ALTER TABLE orders ADD COLUMN status text NOT NULL")]
    public void defaults_self_filling_columns_and_new_tables_are_not_flagged_as_not_null_without_default(string sql) =>
        Linting.None("not-null-without-default", sql);
}
