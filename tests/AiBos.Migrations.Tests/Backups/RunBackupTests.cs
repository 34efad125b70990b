using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Backups;

/// <summary>Every run starts with a backup; rollback restores it when down SQL cannot undo the run.</summary>
public sealed class RunBackupTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task a_schema_step_failing_after_a_migration_without_down_sql_is_rolled_back_from_the_backup()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterScenarioAsync("NoDownFailing", "billing");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");
        var before = await t.SnapshotAsync("acme");

        var outcome = await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0");

        var rolledBack = Assert.IsType<RolledBack>(outcome);
        Assert.Equal("schema", rolledBack.Step);
        Assert.Equal(RollbackPath.BackupRestore, rolledBack.RollbackPath);
        before.ShouldEqual(await t.SnapshotAsync("acme"));
        Assert.Equal("1.0.0", await t.ScalarAsync<string>("SELECT version FROM tenant_acme.aibos_module_versions WHERE module = 'billing'"));
        Assert.Equal(0L, await t.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT DISTINCT ON (file_name) file_name, direction FROM tenant_acme.aibos_schema_history
                                  WHERE module = 'billing' ORDER BY file_name, id DESC) AS latest
            WHERE direction = 'up' AND file_name IN ('003_add_due_date.sql', '004_add_status.sql')
            """));
        var backup = Assert.Single(await t.Engine.ListBackupsAsync("acme", "billing", None));
        Assert.Equal(rolledBack.RunId, backup.RunId);
        // The history agrees with the restored schema: the same upgrade can be planned again.
        Assert.IsType<RolledBack>(await t.MigrateAsync("acme", "billing", "1.0.0", "2.0.0"));
    }

    [Fact]
    public async Task a_run_can_skip_its_backup_only_explicitly_and_choose_its_type()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "accounting", "1.0.0");

        var skipped = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.0.0", "1.1.0", new MigrationOptions { SkipBackup = true }));
        var withSchemaOnly = Assert.IsType<Completed>(await t.MigrateAsync("acme", "accounting", "1.1.0", "2.0.0", new MigrationOptions { BackupType = "schema-only" }));

        Assert.DoesNotContain((await t.Engine.GetMigrationAsync(skipped.RunId, None)).MigrationSteps, s => s.Kind == "backup");
        var backup = Assert.Single(await t.Engine.ListBackupsAsync("acme", "accounting", None));
        Assert.Equal((withSchemaOnly.RunId, "schema-only", "1.1.0"), (backup.RunId!.Value, backup.Type, backup.Version));
        await Assert.ThrowsAsync<InvalidInputException>(() => t.MigrateAsync("acme", "accounting", "2.0.0", "1.0.0", new MigrationOptions { BackupType = "weekly" }));
    }
}
