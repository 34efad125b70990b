using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Registry;

public sealed class RegisterModuleTests(PostgresServer server)
{
    [Fact]
    public async Task a_module_folder_is_registered_whole_and_again_changes_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);

        var first = (await cli.RunAsync("register-module", CliRunner.Samples("accounting"), "--output", "json")).ShouldSucceed();
        var second = (await cli.RunAsync("register-module", CliRunner.Samples("accounting"), "--output", "json")).ShouldSucceed();

        Assert.Equal((5, 0), (first.Json.GetProperty("added").GetInt32(), first.Json.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 5), (second.Json.GetProperty("added").GetInt32(), second.Json.GetProperty("unchanged").GetInt32()));
        Assert.Equal(5L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE module = 'accounting'"));
    }

    [Fact]
    public async Task list_modules_shows_each_module_with_its_versions_and_files()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        (await cli.RunAsync("register-module", CliRunner.Samples("accounting"))).ShouldSucceed();
        (await cli.RunAsync("register-module", CliRunner.Samples("crm"))).ShouldSucceed();

        var human = (await cli.RunAsync("list-modules")).ShouldSucceed();
        var json = (await cli.RunAsync("list-modules", "-o", "json")).ShouldSucceed().Json;

        Assert.Contains("1.0.0 (2), 1.1.0 (1), 2.0.0 (2)", human.Out);
        var modules = json.GetProperty("modules").EnumerateArray().ToList();
        Assert.Equal(["accounting", "crm"], modules.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0"], modules[1].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(1, modules[1].GetProperty("versions")[2].GetProperty("migrations").GetInt32());
    }

    [Fact]
    public async Task a_missing_or_broken_folder_is_refused_and_registers_nothing()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = CliRunner.For(t);
        var broken = Directory.CreateTempSubdirectory("aibos-cli-");
        Directory.CreateDirectory(Path.Combine(broken.FullName, "one-point-oh"));

        (await cli.RunAsync("register-module", "/nonexistent/accounting")).ShouldFailWith(2, "does not exist");
        (await cli.RunAsync("register-module", broken.FullName)).ShouldFailWith(2, "not a semantic version");
        (await cli.RunAsync("register-module")).ShouldFailWith(2, "folder");

        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.modules"));
        broken.Delete(recursive: true);
    }
}
