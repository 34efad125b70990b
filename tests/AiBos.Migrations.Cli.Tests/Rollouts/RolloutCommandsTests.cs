using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Rollouts;

public sealed class RolloutCommandsTests(PostgresServer server)
{
    private static async Task InstallOnAsync(TestEngine t, string module, params string[] tenants)
    {
        foreach (var tenant in tenants)
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, module, "1.0.0");
        }
    }

    [Fact]
    public async Task start_rollout_prints_a_line_per_tenant_change_and_a_closing_table_and_exits_0_when_every_tenant_is_upgraded_or_skipped()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "acme", "globex", "initech");
        await t.CreateTenantAsync("bare");

        var result = (await CliRunner.For(t).RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--tenants", "globex,acme", "--tenants", "initech,bare",
            "--canary", "1", "--wave-size", "2", "--concurrency", "2", "--max-failures", "1")).ShouldSucceed();

        Assert.Contains("Rolling accounting out to 2.0.0: canary 1, waves of 2, 2 at a time, stop after 1 failure(s).", result.Out);
        var lines = result.Out.Split('\n');
        // The canary's lines come first: it runs alone.
        int Line(string pattern) => Array.FindIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, pattern));
        var canaryDone = Line(@"globex\s+completed\s+run ");
        Assert.True(canaryDone > 0, result.Out);
        Assert.InRange(Line(@"globex\s+running\s+\["), 1, canaryDone - 1);
        Assert.True(Line(@"acme\s+running\s+\[") > canaryDone, result.Out);
        Assert.True(Line(@"initech\s+running\s+\[") > canaryDone, result.Out);
        Assert.Matches(@"acme\s+completed\s+run [0-9a-f-]{36}\s+\[\d/4 done, 0 failed\]", result.Out);
        // The closing table and line.
        Assert.Matches(@"│ 1\s+│ globex\s+│ canary\s+│ 1\.0\.0\s+│ completed", result.Out);
        Assert.Matches(@"│ 4\s+│ bare\s+│\s+│ 0\.0\.0\s+│ skipped\s+│.*Module 'accounting' is not installed on this tenant\.", result.Out);
        Assert.Contains("Rollout completed: 3 completed, 0 failed, 1 skipped (of 4).", result.Out);
        Assert.Equal(3L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade' AND status = 'completed'"));
        Assert.Equal(Environment.UserName, await t.ScalarAsync<string>("SELECT requested_by FROM aibos.rollouts"));
    }

    [Fact]
    public async Task a_failing_canary_exits_1_and_list_and_show_rollout_tell_what_happened_to_each_tenant()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await InstallOnAsync(t, "billing", "t1", "t2", "t3");
        var cli = CliRunner.For(t);

        var started = await cli.RunAsync("start-rollout", "-m", "billing", "-v", "2.0.0", "--no-backup", "-o", "json");
        var outcome = started.Json;
        Assert.Equal(1, started.ExitCode);
        Assert.Equal(("stopped-by-failures", false, 1), (outcome.GetProperty("outcome").GetString(), outcome.GetProperty("succeeded").GetBoolean(), outcome.GetProperty("exitCode").GetInt32()));
        var rollout = outcome.GetProperty("rollout");
        var id = rollout.GetProperty("id").GetGuid().ToString();
        Assert.Equal(["rolled-back", "not-started", "not-started"], rollout.GetProperty("tenants").EnumerateArray().Select(x => x.GetProperty("status").GetString()));
        Assert.Equal((3, 1, 2), (rollout.GetProperty("counts").GetProperty("total").GetInt32(), rollout.GetProperty("counts").GetProperty("failed").GetInt32(),
            rollout.GetProperty("counts").GetProperty("notStarted").GetInt32()));
        Assert.Equal(1, rollout.GetProperty("policy").GetProperty("canary").GetInt32());
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.migration_backups")); // --no-backup reached the runs

        var list = (await cli.RunAsync("list-rollouts", "-m", "billing")).ShouldSucceed();
        Assert.Matches($@"{id}\s+│ billing\s+│ 2\.0\.0\s+│ stopped-by-failures\s+│ 0 completed, 1 failed, 0 skipped, 2 not started \(of 3\)", list.Out);
        Assert.Contains("1 rollout(s).", list.Out);
        var listJson = (await cli.RunAsync("list-rollouts", "-s", "stopped-by-failures", "-o", "json")).ShouldSucceed().Json.GetProperty("rollouts");
        Assert.Equal(id, Assert.Single(listJson.EnumerateArray().ToList()).GetProperty("id").GetGuid().ToString());
        Assert.Empty((await cli.RunAsync("list-rollouts", "-s", "completed", "-o", "json")).ShouldSucceed().Json.GetProperty("rollouts").EnumerateArray());

        var show = (await cli.RunAsync("show-rollout", "-i", id)).ShouldSucceed();
        Assert.Contains("Canary tenant 't1' failed, so no other tenant was started.", show.Out);
        Assert.Matches(@"│ 1\s+│ t1\s+│ canary\s+│ 1\.0\.0\s+│ rolled-back\s+│ [0-9a-f-]{36}", show.Out);
        Assert.Contains("Step validation failed and the run was rolled back", show.Out);
        var showJson = (await cli.RunAsync("show-rollout", "-i", id, "-o", "json")).ShouldSucceed().Json;
        Assert.Equal("not-started", showJson.GetProperty("tenants")[2].GetProperty("status").GetString());
    }

    [Fact]
    public async Task bad_input_exits_2_unknown_ids_exit_4_and_nothing_changes()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "acme");
        var cli = CliRunner.For(t);

        (await cli.RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--tenants", "acme,ghost", "--concurrency", "0"))
            .ShouldFailWith(2, "Tenant 'ghost' is not registered: check the keys, or register the tenants first. The concurrency 0 is out of range: use 1 to 32 tenants at the same time.");
        (await cli.RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--not-after", "banana")).ShouldFailWith(2, "--not-after 'banana' is not a time");
        (await cli.RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--not-after", "2020-01-01T00:00:00Z")).ShouldFailWith(2, "The window end 2020-01-01 00:00:00Z has already passed");
        (await cli.RunAsync("start-rollout", "-m", "payroll", "-v", "2.0.0")).ShouldFailWith(2, "Module 'payroll' is not registered");
        (await cli.RunAsync("start-rollout", "-m", "accounting")).ShouldFailWith(2, "Option '--version' is required");
        var json = await cli.RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--wave-size", "0", "-o", "json");
        Assert.Equal((2, "invalid-input"), (json.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), json.Json.GetProperty("error").GetProperty("kind").GetString()));
        (await cli.RunAsync("show-rollout", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "does not exist");
        (await cli.RunAsync("resume-rollout", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "does not exist");
        (await cli.RunAsync("list-rollouts", "-s", "sideways")).ShouldFailWith(2, "sideways");

        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.rollouts"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade'"));
    }

    [Fact]
    public async Task resume_rollout_continues_an_interrupted_rollout_and_refuses_one_that_ended()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await InstallOnAsync(t, "accounting", "t1", "t2");
        var cli = CliRunner.For(t);
        var first = (await cli.RunAsync("start-rollout", "-m", "accounting", "-v", "2.0.0", "--tenants", "t1", "-o", "json")).ShouldSucceed().Json;
        var id = first.GetProperty("rollout").GetProperty("id").GetGuid();
        (await cli.RunAsync("resume-rollout", "-i", id.ToString())).ShouldFailWith(2, $"Rollout {id} is completed: only a rollout whose process stopped while it was running can be resumed");

        // As if its process had died before t2's turn: running, a stale heartbeat of another owner, t2 pending.
        await t.ExecuteAsync($"""
            UPDATE aibos.rollouts SET status = 'running', finished_at = NULL, owner = 'dead-host:1:0000', heartbeat_at = now() - interval '1 minute' WHERE id = '{id}';
            INSERT INTO aibos.rollout_tenants (rollout_id, tenant_key, ordinal, wave, status, from_version) VALUES ('{id}', 't2', 2, 1, 'pending', '1.0.0');
            """);
        var listed = (await cli.RunAsync("list-rollouts")).ShouldSucceed().Out;
        Assert.Matches($@"{id}\s+│ accounting\s+│ 2\.0\.0\s+│ running \(interrupted\)\s+│ 1 completed, 0 failed, 0 skipped, 1 pending \(of 2\)", listed);
        Assert.Contains("Interrupted rollouts lost the process driving them: continue one with resume-rollout -i <id>.", listed);

        var resumed = (await cli.RunAsync("resume-rollout", "-i", id.ToString())).ShouldSucceed();

        Assert.Matches(@"t2\s+completed\s+run [0-9a-f-]{36}\s+\[2/2 done, 0 failed\]", resumed.Out);
        Assert.DoesNotMatch(@"t1\s+(running|completed)\s+run", resumed.Out.Split("╭")[0]); // t1 is not run again
        Assert.Contains("Rollout completed: 2 completed, 0 failed, 0 skipped (of 2).", resumed.Out);
        Assert.Equal(2L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade'"));
    }

    [Fact]
    public async Task ctrl_c_stops_starting_tenants_lets_the_running_one_finish_and_exits_130()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("TwoSecondMigration", "billing");
        await InstallOnAsync(t, "billing", "t1", "t2", "t3");
        using var ctrlC = new CancellationTokenSource();

        var running = CliRunner.For(t).RunAsync(["start-rollout", "-m", "billing", "-v", "2.0.0", "--canary", "0", "--concurrency", "1"], ctrlC.Token);
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>("SELECT count(*) FROM aibos.rollout_tenants WHERE tenant_key = 't1' AND status = 'running'") == 1,
            TimeSpan.FromSeconds(30), "t1 is being upgraded");
        await ctrlC.CancelAsync();
        var result = await running;

        Assert.True(result.ExitCode == 130, $"{result.ExitCode}\n{result.Out}\n{result.Error}");
        Assert.Matches(@"t1\s+completed\s+run ", result.Out);
        Assert.Contains("Rollout cancelled: 1 completed, 0 failed, 0 skipped, 2 not started (of 3). The rollout was cancelled; tenants already running were finished.", result.Out);
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_t1.aibos_module_versions WHERE module = 'billing'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade'"));
    }
}
