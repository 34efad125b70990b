using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class ResumeMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task resuming_a_finished_run_exits_2_and_an_unknown_one_exits_4_and_nothing_changes()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransform", "ledger");
        await t.CreateTenantAsync("acme");
        var cli = CliRunner.For(t);
        var install = (await cli.RunAsync("install-module", "-t", "acme", "-m", "ledger", "-v", "1.0.0", "-o", "json")).ShouldSucceed().Json;
        var runId = install.GetProperty("runId").GetGuid().ToString();

        (await cli.RunAsync("resume-migration", "-i", runId)).ShouldFailWith(2, $"Run {runId} is completed: only a run interrupted while running, or held or failed without automatic rollback, can be resumed");
        var json = await cli.RunAsync("resume-migration", "--id", runId, "-o", "json");
        (await cli.RunAsync("resume-migration", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "does not exist");
        (await cli.RunAsync("resume-migration", "-i", "banana")).ShouldFailWith(2, "banana");
        (await cli.RunAsync("resume-migration")).ShouldFailWith(2, "Option '--id' is required");

        Assert.Equal((2, "invalid-input"), (json.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), json.Json.GetProperty("error").GetProperty("kind").GetString()));
        Assert.Equal("completed", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations"));
    }

    [Fact]
    public async Task a_run_whose_process_died_is_continued_not_rolled_back_even_under_rollback_on_failure()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        var runId = await RecoverTests.AbandonRunAsync(t, "acme", rollbackOnFailure: true);

        var resumed = (await CliRunner.For(t).RunAsync("resume-migration", "-i", runId.ToString())).ShouldSucceed();

        // Other run commands would have rolled this run back first (recover); this one continues it.
        Assert.Contains($"Run {runId}: tenant acme, accounting 1.0.0 -> 2.0.0 (upgrade), steps: schema, validation", resumed.Out);
        Assert.Matches(@"run\s+running\s+Resumed", resumed.Out);
        Assert.Contains("Completed and validated", resumed.Out);
        Assert.Equal("completed", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'rollback' OR status = 'rolled-back'"));
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'accounting'"));
    }

    [Fact]
    public async Task a_no_rollback_run_whose_data_validation_fails_is_resumed_once_the_data_is_fixed()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("UnfinishedLedger", "ledger");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "ledger", "1.0.0");
        // Twelve entries, eight active; active entries 4 and 8 have no description, which the rule's validation query refuses.
        await t.ExecuteAsync("""
            INSERT INTO tenant_acme.ledger_entries (entry_id, amount, description, status)
            SELECT g, g * 1.5, CASE WHEN g % 4 = 0 THEN NULL ELSE 'entry ' || g END, CASE WHEN g % 3 = 0 THEN 'void' ELSE 'active' END
            FROM generate_series(1, 12) g
            """);
        var cli = CliRunner.For(t);

        var failed = await cli.RunAsync("execute-migration", "-t", "acme", "-m", "ledger", "-f", "1.0.0", "-v", "2.0.0", "--no-rollback");
        var runId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE to_version = '2.0.0'");
        var stillFailing = await cli.RunAsync("resume-migration", "-i", runId.ToString(), "-o", "json");
        await t.ExecuteAsync("UPDATE tenant_acme.financial_reports SET notes = '(none)' WHERE notes IS NULL");
        var resumed = (await cli.RunAsync("resume-migration", "-i", runId.ToString(), "-o", "json")).ShouldSucceed().Json;

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("Failed in step data", failed.Out);
        Assert.Contains($"resume-migration -i {runId}", failed.Out);
        Assert.Equal(1, stillFailing.ExitCode);
        Assert.Equal(("failed", "data"), (stillFailing.Json.GetProperty("outcome").GetString(), stillFailing.Json.GetProperty("step").GetString()));
        Assert.Equal(("completed", 0, runId), (resumed.GetProperty("outcome").GetString(), resumed.GetProperty("exitCode").GetInt32(), resumed.GetProperty("runId").GetGuid()));
        var run = resumed.GetProperty("run");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        Assert.Contains("data", run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE to_version = '2.0.0'"));
        Assert.Equal(8L, await t.ScalarAsync<long>("SELECT count(DISTINCT id) FROM tenant_acme.financial_reports"));
        Assert.Equal(8L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'ledger'"));
    }
}
