using System.Diagnostics;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Execution;

/// <summary>A run whose process is killed mid-step leaves no lock behind and is recovered per its policy.</summary>
public sealed class CrashRecoveryTests(PostgresServer server)
{
    [Theory]
    [InlineData(true, RunStatus.RolledBack)]
    [InlineData(false, RunStatus.NeedsOperator)]
    public async Task a_run_killed_with_sigkill_in_its_schema_step_leaves_no_lock_and_is_recovered_per_policy(bool rollbackOnFailure, string expectedStatus)
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("SlowMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        using var child = StartChild(t, "acme", "billing", "1.0.0", "2.0.0", rollbackOnFailure);
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()") == 1,
            TimeSpan.FromSeconds(30), "the child is inside the slow migration file");
        child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no graceful close
        await child.WaitForExitAsync();

        // The server notices the dead client within a second (client_connection_check_interval) and frees its lock.
        // Only this test's database counts: other test assemblies share the server.
        await TestEngine.WaitUntilAsync(async () => await t.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0, TimeSpan.FromSeconds(10), "the advisory lock is gone");
        // The killed file's transaction left nothing: the column it added is not there.
        Assert.Equal(0L, await t.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_acme' AND column_name = 'note'"));
        var runId = await t.ScalarAsync<Guid>("SELECT id FROM aibos.module_migrations WHERE to_version = '2.0.0'");
        Assert.Equal(RunStatus.Running, await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{runId}'"));

        // The next start (another process) finds the abandoned run once its heartbeat is stale, and recovers it.
        await using var next = t.Sibling();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var recovered = Assert.Single(await next.Engine.RecoverAbandonedRunsAsync(CancellationToken.None));

        Assert.Equal(runId, recovered.RunId);
        var run = await next.Engine.GetMigrationAsync(runId, CancellationToken.None);
        Assert.Equal(expectedStatus, run.Status);
        Assert.Contains("stopped during step schema", run.Error);
        Assert.Equal(StepStatus.Failed, run.MigrationSteps.Single(s => s.Kind == "schema").Status);
        if (rollbackOnFailure)
        {
            Assert.IsType<RolledBack>(recovered.Outcome);
            before.ShouldEqual(await t.SnapshotAsync("acme"));
            Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'billing'"));
        }
        else
        {
            Assert.IsType<NeedsOperator>(recovered.Outcome);
            // Held for an operator, who rolls it back by hand.
            Assert.IsType<RolledBack>(await next.Engine.RollbackMigrationAsync(runId, "ops", CancellationToken.None));
            before.ShouldEqual(await t.SnapshotAsync("acme"));
        }
        Assert.Empty(await next.Engine.RecoverAbandonedRunsAsync(CancellationToken.None));
    }

    private static Process StartChild(TestEngine t, string tenant, string module, string from, string to, bool rollbackOnFailure)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AiBos.Migrations.TestHost.dll"), tenant, module, from, to, rollbackOnFailure.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in t.ChildEnvironment) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("The child engine did not start.");
    }
}
