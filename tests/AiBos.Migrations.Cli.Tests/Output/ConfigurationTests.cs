using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Output;

public sealed class ConfigurationTests(PostgresServer server)
{
    [Fact]
    public async Task the_catalog_comes_from_configuration_when_no_connection_option_is_given()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await RunWithSettingsAsync(["list-tenants", "-o", "json"], new() { ["ConnectionStrings:Catalog"] = database });

        result.ShouldSucceed();
        Assert.Empty(result.Json.GetProperty("tenants").EnumerateArray());
    }

    [Fact]
    public async Task no_catalog_configured_is_invalid_input_that_says_where_to_set_it()
    {
        var result = await RunWithSettingsAsync(["list-tenants"], new() { ["ConnectionStrings:Catalog"] = "" });

        result.ShouldFailWith(2, "ConnectionStrings__Catalog");
    }

    [Fact]
    public async Task out_of_range_engine_settings_are_invalid_input()
    {
        var database = await server.CreateDatabaseAsync();

        var result = await RunWithSettingsAsync(["list-migrations", "--connection", database], new() { ["AiBos:Execution:HeartbeatInterval"] = "01:00:00" });

        result.ShouldFailWith(2, "HeartbeatInterval");
    }

    [Fact]
    public async Task logs_never_reach_stdout_of_json_output_even_when_verbose()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");

        var result = (await CliRunner.For(t).RunAsync("install-module", "-t", "acme", "-m", "accounting", "-v", "1.0.0", "-o", "json", "--verbose")).ShouldSucceed();

        Assert.Equal("completed", result.Json.GetProperty("outcome").GetString());
        Assert.Contains("Run ", result.Error, StringComparison.Ordinal); // the engine's Information logs, on stderr
    }

    private static async Task<CliResult> RunWithSettingsAsync(string[] args, Dictionary<string, string?> settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        foreach (var (key, value) in CliRunner.FastSettings) settings.TryAdd(key, value);
        var exitCode = await CliApp.RunAsync(args, new CliEnvironment(stdout, stderr) { Settings = settings }, CancellationToken.None);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
