using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.DataTransforms;

public sealed class DataStepTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task the_mapping_and_condition_write_exactly_the_active_entries_into_the_new_table()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransform");
        await Ledger.AddEntriesAsync(t, "acme", 2500);
        await t.ExecuteAsync("UPDATE tenant_acme.ledger_entries SET description = NULL WHERE entry_id = 7");

        var outcome = Assert.IsType<Completed>(await t.MigrateAsync("acme", "ledger", "1.0.0", "2.0.0"));

        Assert.Equal(Ledger.ActiveAmong(2500), await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal(0L, await Ledger.DifferencesAsync(t, "acme"));
        Assert.Equal("ledger", await t.ScalarAsync<string>("SELECT DISTINCT kind FROM tenant_acme.financial_reports"));
        var run = await t.Engine.GetMigrationAsync(outcome.RunId, None);
        Assert.Equal(["backup", "schema", "data", "validation"], run.MigrationSteps.Select(s => s.Kind));
        var data = run.MigrationSteps.Single(s => s.Kind == "data");
        Assert.Equal((StepStatus.Completed, 1667L, 1667L), (data.Status, data.Done, data.Total));
        Assert.Contains("Moved 1,667 rows by 1 rule(s); 1 validation query passed", data.Message);
        // The default batch size is 1000: two full batches... of which the second is the last (667 rows).
        Assert.Equal(2L, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "batches"));
        Assert.Equal(1667L, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "rows_written"));
    }

    [Theory]
    [InlineData(0, 1)]   // no rows: one empty batch says so
    [InlineData(1, 1)]
    [InlineData(5, 2)]   // exactly one batch: a second, empty one proves the end
    [InlineData(6, 2)]   // one batch and one row
    [InlineData(11, 3)]
    public async Task batch_boundaries_move_every_row_exactly_once(int activeRows, int expectedBatches)
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransform");
        await t.ExecuteAsync($"""
            INSERT INTO tenant_acme.ledger_entries (entry_id, amount, description, status)
            SELECT g, g, 'entry ' || g, 'active' FROM generate_series(1, {activeRows}) g
            """);

        var outcome = Assert.IsType<Completed>(await t.MigrateAsync("acme", "ledger", "1.0.0", "2.0.0", new MigrationOptions { BatchSize = 5 }));

        Assert.Equal(activeRows, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal(0L, await Ledger.DifferencesAsync(t, "acme"));
        Assert.Equal(expectedBatches, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "batches"));
        Assert.Equal(activeRows, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "rows_read"));
    }

    [Fact]
    public async Task progress_is_reported_with_rows_per_second_and_time_left()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransform");
        await Ledger.AddEntriesAsync(t, "acme", 30);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = new List<RunEvent>();
        var subscribed = new TaskCompletionSource();
        var listening = Task.Run(async () =>
        {
            var enumerator = t.Get<RunEventBus>().SubscribeAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            var first = enumerator.MoveNextAsync();
            subscribed.SetResult();
            for (var more = await first; more; more = await enumerator.MoveNextAsync())
            {
                events.Add(enumerator.Current);
                if (enumerator.Current is { Step: null, Status: RunStatus.Completed }) return;
            }
        }, stop.Token);
        await subscribed.Task;

        Assert.IsType<Completed>(await t.MigrateAsync("acme", "ledger", "1.0.0", "2.0.0", new MigrationOptions { BatchSize = 4 }));
        await listening.WaitAsync(TimeSpan.FromSeconds(20));

        var batches = events.Where(e => e is { Step: "data", Rate: not null }).ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, e => Assert.Equal(20, e.Total));
        Assert.Equal(20, batches[^1].Done);
        Assert.Equal(0, batches[^1].SecondsLeft);
        Assert.True(batches[^1].Rate > 0);
        Assert.Contains("20 of 20 rows", batches[^1].Message);
        Assert.Contains("rows/s", batches[^1].Message);
        var done = batches.Select(e => e.Done).ToList();
        Assert.Equal(done.Order(), done);
    }

    [Fact]
    public async Task a_rule_into_an_existing_table_skips_rows_already_there_and_its_rollback_removes_only_what_it_wrote()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransformExisting");
        await Ledger.AddEntriesAsync(t, "acme", 20);
        // Two entries were already reported (moved by an earlier run of the rule, or by hand), one with other values.
        await t.ExecuteAsync("""
            INSERT INTO tenant_acme.financial_reports (id, value, notes, "timestamp")
            SELECT entry_id, amount, description, created_at FROM tenant_acme.ledger_entries WHERE entry_id = 1;
            INSERT INTO tenant_acme.financial_reports (id, value, notes) VALUES (2, 999, 'kept as it was');
            """);
        var before = await t.SnapshotAsync("acme");

        var outcome = Assert.IsType<Completed>(await t.MigrateAsync("acme", "ledger", "1.0.0", "2.0.0"));

        // 14 active entries: 2 were there, 12 written, none twice; the rule's batch size (3) applies.
        Assert.Equal(14L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.financial_reports"));
        Assert.Equal("999.00 kept as it was", await t.ScalarAsync<string>("SELECT value || ' ' || notes FROM tenant_acme.financial_reports WHERE id = 2"));
        Assert.Equal(12L, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "rows_written"));
        Assert.Equal(5L, await Ledger.CheckpointAsync(t, "acme", outcome.RunId, "batches"));
        var data = (await t.Engine.GetMigrationAsync(outcome.RunId, None)).MigrationSteps.Single(s => s.Kind == "data");
        Assert.Equal(14L, data.Done);

        var rolledBack = Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(outcome.RunId, "test", None));
        Assert.Equal(RollbackPath.DownSql, rolledBack.RollbackPath);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_data_written"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_acme.aibos_data_checkpoints"));
    }

    [Fact]
    public async Task a_failing_validation_query_of_a_rule_rolls_the_run_back_to_exactly_the_state_before()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransformExisting");
        await Ledger.AddEntriesAsync(t, "acme", 20);
        await t.ExecuteAsync("UPDATE tenant_acme.ledger_entries SET description = NULL WHERE entry_id IN (4, 5)");
        var before = await t.SnapshotAsync("acme");

        var rolledBack = Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "ledger", "1.0.0", "2.0.0"));

        Assert.Equal("data", rolledBack.Step);
        Assert.Contains("transform_1", rolledBack.Reason);
        Assert.Contains("found 2 row(s) that break the rule", rolledBack.Reason);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'ledger'"));
        var run = await t.Engine.GetMigrationAsync(rolledBack.RunId, None);
        Assert.Equal(RunStatus.RolledBack, run.Status);
        Assert.Equal(StepStatus.Failed, run.MigrationSteps.Single(s => s.Kind == "data").Status);
    }
}
