using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;
using Npgsql;

namespace AiBos.Migrations.Cli.Tests.Backups;

/// <summary>The seed's starting point for backup commands: accounting 1.0.0 with its demo rows on tenant123.</summary>
public static class BackupFixture
{
    public static async Task<CliRunner> Tenant123WithAccountingAsync(TestEngine t)
    {
        await t.RegisterSamplesAsync("accounting");
        await t.CreateTenantAsync("tenant123");
        await t.InstallAsync("tenant123", "accounting", "1.0.0");
        await t.LoadDemoDataAsync("tenant123", "accounting");
        return CliRunner.For(t);
    }

    /// <summary>Takes a full backup with the seed's command line and returns its id.</summary>
    public static async Task<Guid> CreateBackupAsync(CliRunner cli, string version = "1.0.0") =>
        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-v", version, "-o", "json")).ShouldSucceed().Json.GetProperty("id").GetGuid();

    /// <summary>Changes tenant123's data so that a restore would discard 3 rows: 2 new ledger entries and 1 changed report.</summary>
    public static Task ChangeDataAsync(TestEngine t) => t.ExecuteAsync("""
        INSERT INTO tenant_tenant123.ledger_entries (account_code, amount, description) VALUES ('9999-TEST', 1, 'after the backup'), ('9999-TEST', 2, 'after the backup');
        UPDATE tenant_tenant123.financial_reports SET notes = 'changed after the backup' WHERE id = 1;
        """);

    /// <summary>Holds tenant123's lock as another run or restore would, until disposed.</summary>
    public static async Task<NpgsqlConnection> HoldTenantLockAsync(TestEngine t, string tenant)
    {
        var holder = await t.OpenAsync();
        await using var hold = new NpgsqlCommand($"SELECT pg_advisory_lock(hashtextextended('aibos.tenant:' || '{tenant}', 0))", holder);
        await hold.ExecuteNonQueryAsync();
        return holder;
    }
}
