using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class ExecuteMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task json_output_is_one_document_with_the_verified_outcome_and_its_steps()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting", "crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0"); // crm 2.0.0 needs accounting's first table
        var cli = CliRunner.For(t);

        var install = (await cli.RunAsync("install-module", "-t", "acme", "-m", "crm", "-v", "1.0.0", "-o", "json", "--verbose")).ShouldSucceed().Json;
        var upgrade = (await cli.RunAsync("execute-migration", "--tenant", "acme", "--module", "crm", "--from", "1.0.0", "--version", "2.0.0",
            "--batch-size", "500", "--timeout", "600", "--lock-timeout", "800", "--preserve-customizations", "--output", "json")).ShouldSucceed().Json;

        Assert.Equal(("completed", 0), (install.GetProperty("outcome").GetString(), install.GetProperty("exitCode").GetInt32()));
        Assert.Equal("install", install.GetProperty("run").GetProperty("kind").GetString());
        Assert.Equal(("completed", "acme"), (upgrade.GetProperty("outcome").GetString(), upgrade.GetProperty("tenant").GetString()));
        Assert.True(upgrade.GetProperty("elapsedSeconds").GetDouble() > 0);
        var run = upgrade.GetProperty("run");
        Assert.Equal(("crm", "1.0.0", "2.0.0", "upgrade", "completed", 3, 3), (run.GetProperty("module").GetString(), run.GetProperty("fromVersion").GetString(),
            run.GetProperty("toVersion").GetString(), run.GetProperty("kind").GetString(), run.GetProperty("status").GetString(),
            run.GetProperty("stepsCompleted").GetInt32(), run.GetProperty("stepsTotal").GetInt32()));
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["backup", "schema", "validation"], steps.Select(s => s.GetProperty("kind").GetString()));
        Assert.All(steps, s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        Assert.Equal((2L, 2L), (steps[1].GetProperty("done").GetInt64(), steps[1].GetProperty("total").GetInt64()));
        Assert.Equal(500, await t.ScalarAsync<int>($"SELECT (options->>'batchSize')::int FROM aibos.module_migrations WHERE id = '{upgrade.GetProperty("runId").GetGuid()}'"));
    }

    [Fact]
    public async Task a_failing_run_with_rollback_on_failure_exits_1_and_leaves_the_tenant_as_it_was()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");
        var cli = CliRunner.For(t);

        var human = await cli.RunAsync("execute-migration", "-t", "acme", "-m", "billing", "-f", "1.0.0", "-v", "2.0.0", "--rollback-on-failure");

        Assert.Equal(1, human.ExitCode);
        Assert.Contains("Rolled back after step schema", human.Out);
        Assert.Contains("division by zero", human.Out);
        Assert.Matches(@"run\s+rolled-back", human.Out);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal("rolled-back", await t.ScalarAsync<string>("SELECT status FROM aibos.module_migrations WHERE to_version = '2.0.0'"));

        var json = await cli.RunAsync("execute-migration", "-t", "acme", "-m", "billing", "-f", "1.0.0", "-v", "2.0.0", "-o", "json");
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(("rolled-back", 1, "down-sql"), (json.Json.GetProperty("outcome").GetString(), json.Json.GetProperty("exitCode").GetInt32(), json.Json.GetProperty("rollbackPath").GetString()));
    }

    [Fact]
    public async Task ctrl_c_during_a_run_rolls_it_back_and_reports_that_outcome()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("SlowMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");
        using var ctrlC = new CancellationTokenSource();

        var running = CliRunner.For(t).RunAsync(["execute-migration", "-t", "acme", "-m", "billing", "-f", "1.0.0", "-v", "2.0.0"], ctrlC.Token);
        await WatchTests.RunningRunAsync(t);
        await ctrlC.CancelAsync();
        var result = await running;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Rolled back after step schema: The run was cancelled by its caller.", result.Out);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }

    [Fact]
    public async Task bad_input_exits_with_its_code_and_one_line_and_starts_no_run()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("tenant123");
        await t.InstallAsync("tenant123", "accounting", "1.0.0");
        var cli = CliRunner.For(t);
        string[] run = ["execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0"];
        string[] With(string option, string value) => run.Select((a, i) => i > 0 && run[i - 1] == option ? value : a).ToArray();

        (await cli.RunAsync(With("-t", "nobody"))).ShouldFailWith(4, "Tenant 'nobody' is not registered");
        (await cli.RunAsync(With("-m", "payroll"))).ShouldFailWith(4, "Module 'payroll' is not registered");
        (await cli.RunAsync(With("-v", "2.x"))).ShouldFailWith(2, "not a valid target version");
        (await cli.RunAsync(With("-v", "9.0.0"))).ShouldFailWith(2, "Version 9.0.0 of module 'accounting' is not registered");
        (await cli.RunAsync(With("-t", "x'; DROP SCHEMA aibos CASCADE;--"))).ShouldFailWith(2, "tenant key");
        (await cli.RunAsync(With("-f", "1.1.0"))).ShouldFailWith(7, "not 1.1.0");
        (await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0")).ShouldFailWith(2, "Option '--version' is required");
        (await cli.RunAsync("execute-migration", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0")).ShouldFailWith(2, "Option '--tenant' is required");
        (await cli.RunAsync([.. run, "--batch-size", "lots"])).ShouldFailWith(2, "--batch-size");
        (await cli.RunAsync([.. run, "--batch-size", "0"])).ShouldFailWith(2, "batch size");
        (await cli.RunAsync([.. run, "--no-rollback", "--rollback-on-failure"])).ShouldFailWith(2, "contradict");
        (await cli.RunAsync([.. run, "--timeout", "-5"])).ShouldFailWith(2, "timeout");
        (await cli.RunAsync("install-module", "-t", "tenant123", "-m", "accounting", "-v", "banana")).ShouldFailWith(2, "not a valid target version");
        var json = await cli.RunAsync(With("-t", "nobody").Append("-o").Append("json").ToArray());
        json.ShouldFailWith(4, "nobody");
        Assert.Equal((4, "not-found"), (json.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), json.Json.GetProperty("error").GetProperty("kind").GetString()));

        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_tenant123.aibos_module_versions WHERE module = 'accounting'"));
    }

    [Fact]
    public async Task no_backup_skips_the_backup_step_and_backup_type_chooses_its_type()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        var cli = CliRunner.For(t);
        string[] upgrade = ["execute-migration", "-t", "acme", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "-o", "json"];
        string[] downgrade = ["execute-migration", "-t", "acme", "-m", "accounting", "-f", "2.0.0", "-v", "1.0.0", "-o", "json"];

        (await cli.RunAsync([.. upgrade, "--backup-type", "weekly"])).ShouldFailWith(2, "weekly");
        (await cli.RunAsync([.. upgrade, "--no-backup", "--backup-type", "full"])).ShouldFailWith(2, "contradict");
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations WHERE kind = 'upgrade'"));

        var skipped = (await cli.RunAsync([.. upgrade, "--no-backup"])).ShouldSucceed().Json;
        var schemaOnly = (await cli.RunAsync([.. downgrade, "--backup-type", "schema-only"])).ShouldSucceed().Json;

        Assert.Equal(["schema", "validation"], skipped.GetProperty("run").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal("backup", schemaOnly.GetProperty("run").GetProperty("steps")[0].GetProperty("kind").GetString());
        Assert.Equal("schema-only", await t.ScalarAsync<string>($"SELECT type FROM aibos.migration_backups WHERE run_id = '{schemaOnly.GetProperty("runId").GetGuid()}'"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.migration_backups"));
        (await cli.RunAsync("install-module", "-t", "acme", "-m", "accounting", "-v", "1.0.0", "--no-backup")).ShouldFailWith(2, "--no-backup");
    }

    [Fact]
    public async Task a_busy_tenant_exits_3_and_is_not_touched()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        await using var holder = await t.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('aibos.tenant:' || 'acme', 0))", holder))
            await hold.ExecuteNonQueryAsync();

        var busy = await CliRunner.For(t).RunAsync("execute-migration", "-t", "acme", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "-o", "json");

        Assert.Equal(3, busy.ExitCode);
        Assert.Equal(("tenant-busy", "acme"), (busy.Json.GetProperty("outcome").GetString(), busy.Json.GetProperty("tenant").GetString()));
        Assert.Contains("busy", Assert.Single(busy.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.module_migrations"));
    }

    [Fact]
    public async Task an_unreachable_database_exits_6_with_one_line_and_no_stack_trace()
    {
        string[] args = ["list-migrations", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Database=aibos;Timeout=3"];

        var result = await CliRunner.RunRawAsync(args);
        var json = await CliRunner.RunRawAsync([.. args, "-o", "json"]);
        var verbose = await CliRunner.RunRawAsync([.. args, "--verbose"]);

        result.ShouldFailWith(6, "cannot be reached");
        Assert.Contains("127.0.0.1:1", result.Error);
        Assert.Empty(result.Out);
        Assert.Equal("database-unreachable", json.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(6, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public async Task an_invalid_connection_string_exits_2()
    {
        (await CliRunner.RunRawAsync(["list-tenants", "--connection", "Hots=127.0.0.1"])).ShouldFailWith(2, "connection string is not valid");
    }
}
