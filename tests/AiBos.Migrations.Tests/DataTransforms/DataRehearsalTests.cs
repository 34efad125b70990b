using AiBos.Migrations.Validation;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.DataTransforms;

public sealed class DataRehearsalTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ValidationOptions Rehearse = new(Rehearse: true);

    [Fact]
    public async Task a_rehearsal_runs_the_data_rules_on_the_copy_and_the_round_trip_holds_without_touching_the_tenant()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransformExisting");
        await Ledger.AddEntriesAsync(t, "acme", 20);
        await t.ExecuteAsync("INSERT INTO tenant_acme.financial_reports (id, value, notes) VALUES (2, 999, 'already there')");
        var before = await t.SnapshotAsync("acme");

        var report = await t.Engine.ValidateMigrationAsync("acme", "ledger", "1.0.0", "2.0.0", Rehearse, None);

        var rehearsal = report.Rehearsal!;
        Assert.Null(rehearsal.Failure);
        Assert.True(rehearsal.RoundTripHeld, string.Join("; ", rehearsal.Differences));
        // 14 active entries, one of them already reported: 13 rows written on the copy, and removed again before the down plan.
        Assert.Contains(rehearsal.Steps, s => s is { Name: "data ledger:2.0.0/transform_1 (13 rows)", Succeeded: true });
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aibos_rh_%'"));
    }

    [Fact]
    public async Task a_rule_whose_validation_query_fails_on_the_copy_makes_the_preview_invalid()
    {
        await using var t = await Ledger.StartAtOneAsync(server, "DataTransformExisting");
        await Ledger.AddEntriesAsync(t, "acme", 20);
        await t.ExecuteAsync("UPDATE tenant_acme.ledger_entries SET description = NULL WHERE entry_id = 4");
        var before = await t.SnapshotAsync("acme");

        var report = await t.Engine.ValidateMigrationAsync("acme", "ledger", "1.0.0", "2.0.0", Rehearse, None);

        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Contains("Validation query of data rule ledger:2.0.0/transform_1 failed on the copy") && e.Contains("found 1 row(s)"));
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }
}
