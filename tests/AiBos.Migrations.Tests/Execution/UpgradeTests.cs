using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Execution;

public sealed class UpgradeTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task upgrading_accounting_from_1_0_0_to_2_0_0_preserves_rows_writes_history_and_moves_the_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("tenant123");
        await t.InstallAsync("tenant123", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("tenant123", "accounting");
        const string rowsChecksum = "SELECT count(*)::text || ':' || md5(string_agg(id || title || value::text, ',' ORDER BY id)) FROM tenant_tenant123.financial_reports";
        var rowsBefore = await t.ScalarAsync<string>(rowsChecksum);
        var ledgerBefore = await t.ScalarAsync<long>("SELECT count(*) FROM tenant_tenant123.ledger_entries");

        var outcome = await t.MigrateAsync("tenant123", "accounting", "1.0.0", "2.0.0");

        var completed = Assert.IsType<Completed>(outcome);
        Assert.Equal(rowsBefore, await t.ScalarAsync<string>(rowsChecksum));
        Assert.Equal(ledgerBefore, await t.ScalarAsync<long>("SELECT count(*) FROM tenant_tenant123.ledger_entries"));
        Assert.Equal("jsonb", await t.ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'tenant_tenant123' AND table_name = 'financial_reports' AND column_name = 'ai_insights'"));
        Assert.Equal("gin", await t.ScalarAsync<string>(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'idx_financial_reports_ai_insights'"));
        Assert.Equal(3L, await t.ScalarAsync<long>(
            $"SELECT count(*) FROM tenant_tenant123.aibos_schema_history WHERE run_id = '{completed.RunId}' AND direction = 'up' AND NOT is_undo"));
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_tenant123.aibos_module_versions WHERE module = 'accounting'"));
        Assert.Equal("2.0.0", await t.ScalarAsync<string>("SELECT version FROM aibos.tenant_modules WHERE tenant_key = 'tenant123' AND module = 'accounting'"));

        var run = await t.Engine.GetMigrationAsync(completed.RunId, None);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(["backup", "schema", "validation"], run.MigrationSteps.Select(s => s.Kind));
        Assert.All(run.MigrationSteps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.Equal(3L, await t.ScalarAsync<long>($"SELECT count(*) FROM aibos.rollback_points WHERE run_id = '{completed.RunId}'"));
    }

    [Fact]
    public async Task a_failing_second_file_rolls_the_run_back_to_exactly_the_state_before()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0");

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Equal("schema", rolledBack.Step);
        Assert.Contains("004_add_status.sql", rolledBack.Reason);
        Assert.Contains("division by zero", rolledBack.Reason);
        Assert.Equal(RollbackPath.DownSql, rolledBack.RollbackPath);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'billing'"));
        var run = await t.Engine.GetMigrationAsync(rolledBack.RunId, None);
        Assert.Equal(RunStatus.RolledBack, run.Status);
        Assert.Equal(StepStatus.Failed, run.MigrationSteps.Single(s => s.Kind == "schema").Status);
        Assert.Contains("division by zero", run.Error);
    }

    [Fact]
    public async Task a_failing_validation_query_rolls_the_whole_run_back()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingValidation", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0");

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Equal("validation", rolledBack.Step);
        Assert.Contains("returned 25, expected 0", rolledBack.Reason);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        var run = await t.Engine.GetMigrationAsync(rolledBack.RunId, None);
        Assert.Equal(StepStatus.RolledBack, run.MigrationSteps.Single(s => s.Kind == "schema").Status);
        Assert.Equal(StepStatus.Failed, run.MigrationSteps.Single(s => s.Kind == "validation").Status);
    }

    [Fact]
    public async Task a_run_that_exceeds_its_timeout_is_cancelled_and_rolled_back()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("SlowMigration", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0", new MigrationOptions { Timeout = TimeSpan.FromSeconds(2) });

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Contains("timeout", rolledBack.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The run took {watch.Elapsed} instead of stopping at its timeout.");
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }

    [Fact]
    public async Task manual_rollback_of_a_completed_run_returns_the_tenant_to_the_from_version()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("tenant123");
        await t.InstallAsync("tenant123", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("tenant123", "accounting");
        var before = await t.SnapshotAsync("tenant123");
        var upgrade = Assert.IsType<Completed>(await t.MigrateAsync("tenant123", "accounting", "1.0.0", "2.0.0"));

        var outcome = await t.Engine.RollbackMigrationAsync(upgrade.RunId, "ops-alice", None);

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Equal(upgrade.RunId, rolledBack.RunId);
        before.ShouldEqual(await t.SnapshotAsync("tenant123"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_tenant123.aibos_module_versions WHERE module = 'accounting'"));
        Assert.Equal(RunStatus.RolledBack, (await t.Engine.GetMigrationAsync(upgrade.RunId, None)).Status);
        var rollbackRun = (await t.Engine.ListMigrationsAsync(new MigrationFilter(Tenant: "tenant123"), None)).Single(r => r.RollbackOf == upgrade.RunId);
        Assert.Equal(RunStatus.Completed, rollbackRun.Status);
        Assert.Equal("ops-alice", rollbackRun.RequestedBy);
        Assert.Equal(["validation", "schema", "backup", "verify"], rollbackRun.MigrationSteps.Select(s => s.Kind));

        // The same upgrade can run again afterwards.
        Assert.IsType<Completed>(await t.MigrateAsync("tenant123", "accounting", "1.0.0", "2.0.0"));
    }

    [Fact]
    public async Task a_rollback_whose_down_sql_fails_without_a_backup_ends_in_needs_operator_with_the_reason()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("BrokenDown", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");

        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0", new MigrationOptions { SkipBackup = true });

        var needsOperator = Assert.IsType<NeedsOperator>(outcome);
        Assert.Contains("returned 0, expected 1", needsOperator.Reason);
        Assert.Contains("column \"state\"", needsOperator.Reason);
        Assert.Contains("no backup", needsOperator.Reason);
        Assert.Equal(RunStatus.NeedsOperator, (await t.Engine.GetMigrationAsync(needsOperator.RunId, None)).Status);
    }

    [Fact]
    public async Task a_rollback_whose_down_sql_fails_restores_the_run_backup_and_says_so()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("BrokenDown", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0");

        var rolledBack = Assert.IsType<RolledBack>(outcome is NeedsOperator n ? throw new Xunit.Sdk.XunitException(n.Reason) : outcome);
        Assert.Equal(RollbackPath.BackupRestore, rolledBack.RollbackPath);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(RollbackPath.BackupRestore, (await t.Engine.GetMigrationAsync(rolledBack.RunId, None)).RollbackPath);
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'billing'"));
    }

    [Fact]
    public async Task without_rollback_on_failure_a_failed_run_stays_failed_and_can_be_rolled_back_by_hand()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("FailingSecondFile", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var failed = Assert.IsType<Failed>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0", new MigrationOptions { RollbackOnFailure = false }));
        Assert.Equal(1L, await t.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_acme' AND column_name = 'due_date'"));

        Assert.IsType<RolledBack>(await t.Engine.RollbackMigrationAsync(failed.RunId, null, None));
        before.ShouldEqual(await t.SnapshotAsync("acme"));
    }

    [Fact]
    public async Task downgrading_runs_the_down_sql_in_reverse_and_upgrading_again_works()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");
        var atOne = await t.SnapshotAsync("acme");
        Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));

        var downgrade = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "2.0.0", "1.0.0"));

        atOne.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal(RunKind.Downgrade, (await t.Engine.GetMigrationAsync(downgrade.RunId, None)).Kind);
        Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "2.0.0"));
    }

    [Fact]
    public async Task a_non_transactional_migration_runs_outside_a_transaction()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("inventory");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "inventory", "1.0.0");
        await t.LoadDemoDataAsync("acme", "inventory");

        Assert.IsType<Completed>(await t.MigrateAsync("acme", "inventory", "1.0.0", "2.0.0"));

        Assert.True(await t.ScalarAsync<bool>(
            "SELECT indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'idx_stock_movements_moved_at'"));
    }
}
