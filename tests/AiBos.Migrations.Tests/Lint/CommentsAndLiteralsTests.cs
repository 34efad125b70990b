namespace AiBos.Migrations.Tests.Lint;

public sealed class CommentsAndLiteralsTests
{
    [Theory]
    [InlineData("-- CREATE INDEX foo ON orders (customer_id)\nSELECT 1;")]
    [InlineData("SELECT 1; -- DROP TABLE orders;\n")]
    [InlineData("/* DROP TABLE orders; ALTER TABLE orders DROP COLUMN x; /* nested */ SET ROLE admin; */ SELECT 1;")]
    [InlineData("INSERT INTO t VALUES ('DROP TABLE x');")]
    [InlineData("INSERT INTO t VALUES ('it''s; DROP TABLE x; BEGIN');")]
    [InlineData("INSERT INTO t VALUES (E'\\'; DROP TABLE x; COMMIT');")]
    [InlineData("UPDATE orders SET note = $$ALTER TABLE orders DROP COLUMN x; SET search_path = y$$;")]
    [InlineData("SELECT \"DROP TABLE x\" FROM t;")]
    public void trigger_words_in_comments_strings_and_quoted_names_do_not_trigger_rules(string sql) =>
        Assert.Empty(Linting.Lint(sql));

    [Fact]
    public void dollar_quoted_function_bodies_are_not_linted_as_statements()
    {
        const string sql = """
            CREATE OR REPLACE FUNCTION archive_orders() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                CREATE INDEX idx_tmp ON orders (customer_id);
                ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
                DROP TABLE orders;
                COMMIT;
            END
            $fn$;
            DO $$ BEGIN ALTER TABLE orders RENAME COLUMN a TO b; END $$;
            """;

        Assert.Empty(Linting.Lint(sql));
    }

    [Fact]
    public void a_statement_after_a_comment_is_still_linted_and_reported_without_the_comment()
    {
        const string sql = "-- speeds up the report\n/* reviewed */ CREATE INDEX idx_orders_customer\n    ON orders (customer_id);";

        var finding = Linting.Single("index-without-concurrently", sql);

        Assert.Equal("CREATE INDEX idx_orders_customer ON orders (customer_id)", finding.Statement);
    }
}
