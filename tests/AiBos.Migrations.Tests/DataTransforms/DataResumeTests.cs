using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.DataTransforms;

[Collection(TimingSensitive.Name)]
public sealed class DataResumeTests(PostgresServer server, ITestOutputHelper log)
{
    [Fact]
    public async Task a_run_killed_in_the_middle_of_a_batch_resumes_from_its_checkpoint_with_no_gap_and_no_duplicate()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransformSlow", "ledger");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "ledger", "1.0.0");
        await Ledger.AddEntriesAsync(t, "acme", 150); // 100 active entries in batches of ten source rows, each insert sleeping 0.3 s

        using var child = ChildEngine.Start(t, "migrate", "acme", "ledger", "1.0.0", "2.0.0", "true");
        await TestEngine.WaitUntilAsync(async () =>
            await t.ScalarAsync<long>("SELECT coalesce(max(rows_read), 0) FROM tenant_acme.aibos_data_checkpoints") >= 30
            && await t.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%INSERT INTO \"financial_reports\"%' AND state = 'active' AND pid <> pg_backend_pid()") == 1,
            TimeSpan.FromSeconds(60), "the child is inside a batch after three batches");
        child.Kill(entireProcessTree: true); // SIGKILL in the middle of a batch
        await child.WaitForExitAsync();
        var runId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE to_version = '2.0.0'");
        var readAtKill = await Ledger.CheckpointAsync(t, "acme", runId, "rows_read");
        var batchesAtKill = await Ledger.CheckpointAsync(t, "acme", runId, "batches");
        log.WriteLine($"killed after {readAtKill} rows in {batchesAtKill} batches");
        // The killed batch left nothing: the target holds exactly the checkpointed rows.
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0,
            TimeSpan.FromSeconds(10), "the dead child's tenant lock is gone");
        Assert.Equal(readAtKill, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal(RunStatus.Running, (await t.Engine.GetMigrationAsync(runId, CancellationToken.None)).Status);

        await Task.Delay(TimeSpan.FromSeconds(1)); // the dead run's heartbeat goes stale
        var resumed = Assert.IsType<Completed>(await t.Engine.ResumeMigrationAsync(runId, "test", CancellationToken.None));

        Assert.Equal(runId, resumed.RunId);
        Assert.Equal(100L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal(0L, await Ledger.DifferencesAsync(t, "acme"));
        // It went on from the checkpoint: sixteen batches of ten source rows in all (the last one empty), none done twice.
        Assert.Equal(16L, await Ledger.CheckpointAsync(t, "acme", runId, "batches"));
        Assert.Equal(100L, await Ledger.CheckpointAsync(t, "acme", runId, "rows_written"));
        var run = await t.Engine.GetMigrationAsync(runId, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.All(run.MigrationSteps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'ledger'"));
    }

    [Fact]
    public async Task only_a_stopped_run_can_be_resumed()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("DataTransform", "ledger");
        await t.CreateTenantAsync("acme");
        var install = Assert.IsType<Completed>(await t.Engine.InstallModuleAsync("acme", "ledger", "1.0.0", null, CancellationToken.None));

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.ResumeMigrationAsync(install.RunId, "test", CancellationToken.None));
        Assert.Contains("is completed: only a run interrupted while running", refused.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.ResumeMigrationAsync(Guid.NewGuid(), "test", CancellationToken.None));
    }
}
