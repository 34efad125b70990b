using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class WatchTests(PostgresServer server)
{
    [Fact]
    public async Task watch_follows_a_run_started_by_another_engine_through_notify_until_it_completes()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var elsewhere = Task.Run(() => t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        var runId = await RunningRunAsync(t);

        var watched = await CliRunner.For(t).RunAsync("watch", "-i", runId.ToString());

        watched.ShouldSucceed();
        Assert.IsType<Completed>(await elsewhere);
        Assert.Matches(@"schema\s+running\s+2/2\s+Applied 004_slow_backfill.sql", watched.Out);
        Assert.Matches(@"validation\s+completed", watched.Out);
        Assert.Matches(@"run\s+completed", watched.Out);
        Assert.Matches(@"Status\s+completed", watched.Out);
    }

    [Fact]
    public async Task watch_ends_with_the_runs_final_status_as_its_exit_code()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var outcome = Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
        var cli = CliRunner.For(t);

        var human = await cli.RunAsync("watch", "-i", outcome.RunId.ToString());
        var json = await cli.RunAsync("watch", "--id", outcome.RunId.ToString(), "--output", "json");

        Assert.Equal((1, 1), (human.ExitCode, json.ExitCode));
        Assert.Matches(@"Status\s+rolled-back", human.Out);
        Assert.Equal(("rolled-back", "schema"), (json.Json.GetProperty("status").GetString(), json.Json.GetProperty("failedStep").GetString()));
        (await cli.RunAsync("watch", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "does not exist");
    }

    internal static async Task<Guid> RunningRunAsync(TestEngine t, string step = "schema")
    {
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            $"SELECT count(*) FROM aibos.migration_steps WHERE kind = '{step}' AND items_done >= 1 AND status = 'running'") == 1,
            TimeSpan.FromSeconds(20), "the slow file is running");
        return await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE status = 'running'");
    }
}
