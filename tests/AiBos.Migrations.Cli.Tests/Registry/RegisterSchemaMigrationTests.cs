using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Registry;

public sealed class RegisterSchemaMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task the_seeds_command_registers_the_file_with_its_down_sql_and_metadata()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        await RegisterAccounting100Async(cli);

        var result = (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "2.0.0", "-f", CliRunner.SampleFile("accounting", "2.0.0", "001_add_ai_insights.sql"))).ShouldSucceed();

        Assert.Contains("001_add_ai_insights.sql", result.Out);
        Assert.Contains("1 added", result.Out);
        Assert.Equal("2.0.0|medium|10|001_create_financial_reports.sql|true|true", await t.ScalarAsync<string>("""
            SELECT version || '|' || declared_risk || '|' || estimated_seconds || '|' || array_to_string(dependencies, ',') || '|'
                   || (down_sql LIKE '%DROP COLUMN ai_insights%') || '|' || (validation_queries::text LIKE '%ai_insights IS NULL%')
            FROM aibos.schema_migrations WHERE file_name = '001_add_ai_insights.sql'
            """));
    }

    [Fact]
    public async Task options_override_the_metadata_and_the_json_output_names_each_file()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        await RegisterAccounting100Async(cli);

        var result = (await cli.RunAsync("register-schema-migration", "--module", "accounting", "--version", "2.0.0",
            "--file", CliRunner.SampleFile("accounting", "2.0.0", "001_add_ai_insights.sql"),
            "--risk", "high", "--estimated-seconds", "42", "--depends-on", "accounting:1.0.0/002_create_ledger_entries.sql",
            "--validation-query", "SELECT true", "--validation-query", "SELECT 1 = 1", "--non-transactional", "--output", "json")).ShouldSucceed();

        var json = result.Json;
        Assert.Equal(1, json.GetProperty("added").GetInt32());
        var file = Assert.Single(json.GetProperty("files").EnumerateArray());
        Assert.Equal(("accounting", "2.0.0", "001_add_ai_insights.sql", "added"),
            (file.GetProperty("module").GetString(), file.GetProperty("version").GetString(), file.GetProperty("fileName").GetString(), file.GetProperty("change").GetString()));
        Assert.Equal(64, file.GetProperty("checksum").GetString()!.Length);
        Assert.Equal("high|42|accounting:1.0.0/002_create_ledger_entries.sql|false|2", await t.ScalarAsync<string>("""
            SELECT declared_risk || '|' || estimated_seconds || '|' || array_to_string(dependencies, ',') || '|' || transactional || '|' || jsonb_array_length(validation_queries)
            FROM aibos.schema_migrations WHERE file_name = '001_add_ai_insights.sql'
            """));
    }

    [Fact]
    public async Task a_changed_file_is_refused_unless_replace_is_given()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        await RegisterAccounting100Async(cli);
        var folder = Directory.CreateTempSubdirectory("aibos-cli-");
        var file = Path.Combine(folder.FullName, "001_add_ai_insights.sql");
        await File.WriteAllTextAsync(file, "ALTER TABLE financial_reports ADD COLUMN ai_insights jsonb;");
        (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "2.0.0", "-f", file)).ShouldSucceed();
        await File.WriteAllTextAsync(file, "ALTER TABLE financial_reports ADD COLUMN ai_insights jsonb NOT NULL DEFAULT '{}';");

        (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "2.0.0", "-f", file)).ShouldFailWith(2, "--replace");
        var replaced = (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "2.0.0", "-f", file, "--replace", "-o", "json")).ShouldSucceed();

        Assert.Equal(1, replaced.Json.GetProperty("replaced").GetInt32());
        Assert.Contains("NOT NULL", await t.ScalarAsync<string>("SELECT up_sql FROM aibos.schema_migrations WHERE file_name = '001_add_ai_insights.sql'"));
        folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("a missing file", 2, "does not exist", "-m", "accounting", "-v", "2.0.0", "-f", "/nonexistent/001_x.sql")]
    [InlineData("a bad version", 2, "not a valid version", "-m", "accounting", "-v", "2.x", "-f", "SAMPLE")]
    [InlineData("a hostile module name", 2, "module name", "-m", "accounting;drop", "-v", "2.0.0", "-f", "SAMPLE")]
    [InlineData("a missing module", 2, "--module", "-v", "2.0.0", "-f", "SAMPLE")]
    [InlineData("an unknown risk", 2, "extreme", "-m", "accounting", "-v", "2.0.0", "-f", "SAMPLE", "--risk", "extreme")]
    [InlineData("a wrong checksum", 2, "checksum", "-m", "accounting", "-v", "2.0.0", "-f", "SAMPLE", "--checksum", "abc123")]
    [InlineData("a missing dependency", 2, "001_create_financial_reports.sql", "-m", "accounting", "-v", "2.0.0", "-f", "SAMPLE")]
    public async Task bad_input_is_refused_with_one_line_and_registers_nothing(string why, int exitCode, string message, params string[] args)
    {
        await using var t = await TestEngine.StartAsync(server);
        var sample = CliRunner.SampleFile("accounting", "2.0.0", "001_add_ai_insights.sql");

        var result = await CliRunner.For(t).RunAsync(["register-schema-migration", .. args.Select(a => a == "SAMPLE" ? sample : a)]);

        result.ShouldFailWith(exitCode, message);
        Assert.True(await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations") == 0, why);
    }

    internal static async Task RegisterAccounting100Async(CliRunner cli)
    {
        foreach (var file in new[] { "001_create_financial_reports.sql", "002_create_ledger_entries.sql" })
            (await cli.RunAsync("register-schema-migration", "-m", "accounting", "-v", "1.0.0", "-f", CliRunner.SampleFile("accounting", "1.0.0", file))).ShouldSucceed();
    }
}
