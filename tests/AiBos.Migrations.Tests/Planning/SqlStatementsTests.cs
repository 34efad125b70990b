using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Tests.Planning;

/// <summary>Splitting a migration file into statements for non-transactional runs (Execution/SqlStatements).</summary>
public sealed class SqlStatementsTests
{
    [Fact]
    public void top_level_semicolons_separate_statements_and_empty_ones_are_dropped()
    {
        var statements = SqlStatements.Split("CREATE TABLE t (id int);\n\n  INSERT INTO t VALUES (1) ;;\nSELECT 1");

        Assert.Equal(["CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)", "SELECT 1"], statements);
    }

    [Fact]
    public void semicolons_inside_single_and_double_quotes_do_not_split()
    {
        var statements = SqlStatements.Split("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT \"odd;name\", \"with\"\"quote;\" FROM t;");

        Assert.Equal(["INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT \"odd;name\", \"with\"\"quote;\" FROM t"], statements);
    }

    [Fact]
    public void a_backslash_in_a_standard_string_is_an_ordinary_character()
    {
        var statements = SqlStatements.Split(@"INSERT INTO paths VALUES ('C:\'); SELECT 2;");

        Assert.Equal([@"INSERT INTO paths VALUES ('C:\')", "SELECT 2"], statements);
    }

    [Fact]
    public void escaped_quotes_inside_e_strings_do_not_end_the_string()
    {
        var statements = SqlStatements.Split(@"SELECT E'it\'s; tricky', e'back\\'; SELECT E'\'';" + "\nSELECT 3");

        Assert.Equal([@"SELECT E'it\'s; tricky', e'back\\'", @"SELECT E'\''", "SELECT 3"], statements);
    }

    [Fact]
    public void dollar_quoted_bodies_are_kept_whole()
    {
        const string function = """
            CREATE FUNCTION bump() RETURNS trigger AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """;

        var statements = SqlStatements.Split(function + ";\nSELECT 1;");

        Assert.Equal([function, "SELECT 1"], statements);
    }

    [Fact]
    public void tagged_dollar_quotes_may_contain_other_dollar_quotes_and_semicolons()
    {
        const string block = "DO $body$ BEGIN EXECUTE $$SELECT 1; SELECT 2$$; RAISE NOTICE 'done;'; END $body$";
        const string function = "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $fn_1$ SELECT 'a;b' $fn_1$";

        var statements = SqlStatements.Split($"{block};\n{function};\nSELECT 3;");

        Assert.Equal([block, function, "SELECT 3"], statements);
    }

    [Fact]
    public void positional_parameters_are_not_dollar_quotes()
    {
        var statements = SqlStatements.Split("PREPARE p AS SELECT $1 + $2; EXECUTE p(1, 2);");

        Assert.Equal(["PREPARE p AS SELECT $1 + $2", "EXECUTE p(1, 2)"], statements);
    }

    [Fact]
    public void semicolons_and_quotes_inside_line_comments_do_not_split()
    {
        var statements = SqlStatements.Split("-- don't; split here\nSELECT 1; -- nor; here\nSELECT 2;\n-- trailing comment only; at the end\n");

        Assert.Equal(["-- don't; split here\nSELECT 1", "-- nor; here\nSELECT 2"], statements);
    }

    [Fact]
    public void semicolons_inside_block_comments_including_nested_ones_do_not_split()
    {
        var statements = SqlStatements.Split("SELECT 1 /* a; 'b; /* nested; */ c; */ + 1; SELECT 2;");

        Assert.Equal(["SELECT 1 /* a; 'b; /* nested; */ c; */ + 1", "SELECT 2"], statements);
    }

    // KNOWN FAILING (engine bug in Execution/SqlStatements.cs, outside the folders this branch may change):
    // - a quote right after an identifier or keyword ending in "e" is taken for an E'' string, so a backslash before
    //   the closing quote of a standard string swallows the rest of the script (name'C:\', ELSE'\');
    // - "$" inside an identifier (a$b$c is a valid PostgreSQL identifier) is taken for a dollar-quote tag.
    // PostgreSQL 15 (standard_conforming_strings on) reads each of these scripts as two statements.
    [Theory]
    [InlineData(@"SELECT name'C:\'", "SELECT 2")]
    [InlineData(@"SELECT CASE WHEN x THEN 'a' ELSE'\' END FROM t", "SELECT 2")]
    [InlineData("SELECT a$b$c FROM t", "SELECT 2")]
    public void only_a_real_e_string_or_dollar_quote_changes_how_the_script_splits(string first, string second)
    {
        var statements = SqlStatements.Split($"{first}; {second};");

        Assert.Equal([first, second], statements);
    }

    [Fact]
    public void the_non_transactional_sample_splits_into_its_statements()
    {
        var sql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "modules", "inventory", "2.0.0", "005_index_movements_concurrently.sql"));

        var statements = SqlStatements.Split(sql);

        Assert.Equal(["CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_stock_movements_moved_at ON stock_movements (moved_at)"], statements);
    }
}
