using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Backups;

public sealed class CreateBackupTests(PostgresServer server)
{
    [Fact]
    public async Task the_seed_line_backs_up_accounting_and_prints_the_id_type_tables_with_rows_and_size()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);

        var result = (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0")).ShouldSucceed();

        var id = await t.ScalarAsync<Guid>("SELECT id FROM aibos.migration_backups");
        Assert.Contains($"Backup {id}: full (copy) of accounting 1.0.0 for tenant tenant123, 2 table(s), 77 rows", result.Out);
        Assert.Matches(@"financial_reports\s+│\s+29\s+│\s+full", result.Out);
        Assert.Matches(@"ledger_entries\s+│\s+48\s+│\s+full", result.Out);
        Assert.Matches(@"\d+\.\d KB", result.Out);
        Assert.Contains($"restore-backup -i {id}", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task json_documents_of_full_incremental_and_schema_only_snapshot_backups()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);

        var full = (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-o", "json")).ShouldSucceed().Json;
        await BackupFixture.ChangeDataAsync(t);
        var incremental = (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "incremental", "-o", "json")).ShouldSucceed().Json;
        var schemaOnly = (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "schema-only", "--snapshot", "-o", "json")).ShouldSucceed().Json;

        Assert.Equal(("tenant123", "accounting", "1.0.0", "full", "copy", "ready"), (full.GetProperty("tenant").GetString(), full.GetProperty("module").GetString(),
            full.GetProperty("version").GetString(), full.GetProperty("type").GetString(), full.GetProperty("format").GetString(), full.GetProperty("status").GetString()));
        Assert.Equal(77, full.GetProperty("rows").GetInt64());
        Assert.True(full.GetProperty("sizeBytes").GetInt64() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, full.GetProperty("parentId").ValueKind);
        Assert.True(full.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29));
        var tables = full.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal([("financial_reports", 29L, "full"), ("ledger_entries", 48L, "full")],
            tables.Select(x => (x.GetProperty("name").GetString(), x.GetProperty("rows").GetInt64(), x.GetProperty("storage").GetString())).OrderBy(x => x.Item1));

        Assert.Equal(("incremental", full.GetProperty("id").GetGuid()), (incremental.GetProperty("type").GetString(), incremental.GetProperty("parentId").GetGuid()));
        var ledger = incremental.GetProperty("tables").EnumerateArray().Single(x => x.GetProperty("name").GetString() == "ledger_entries");
        Assert.Equal(("incremental", 50L, 2L), (ledger.GetProperty("storage").GetString(), ledger.GetProperty("rows").GetInt64(), ledger.GetProperty("added").GetInt64()));

        Assert.Equal(("schema-only", "snapshot", 0L), (schemaOnly.GetProperty("type").GetString(), schemaOnly.GetProperty("format").GetString(), schemaOnly.GetProperty("rows").GetInt64()));
        Assert.All(schemaOnly.GetProperty("tables").EnumerateArray(), x => Assert.Equal("none", x.GetProperty("storage").GetString()));
        Assert.Equal(3L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.migration_backups WHERE status = 'ready'"));
    }

    [Fact]
    public async Task bad_input_exits_with_its_code_and_takes_no_backup()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        await t.RegisterSamplesAsync("crm");

        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "weekly")).ShouldFailWith(2, "weekly");
        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-v", "2.0.0")).ShouldFailWith(2, "not 2.0.0");
        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "crm")).ShouldFailWith(2, "not installed");
        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "incremental", "--snapshot")).ShouldFailWith(2, "snapshot");
        (await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "incremental")).ShouldFailWith(2, "needs a full backup");
        (await cli.RunAsync("create-backup", "-t", "nobody", "-m", "accounting")).ShouldFailWith(4, "nobody");
        (await cli.RunAsync("create-backup", "-m", "accounting")).ShouldFailWith(2, "Option '--tenant' is required");
        var json = await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "--type", "weekly", "-o", "json");
        Assert.Equal((2, "invalid-input"), (json.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), json.Json.GetProperty("error").GetProperty("kind").GetString()));

        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.migration_backups WHERE status <> 'failed'"));
    }

    [Fact]
    public async Task a_busy_tenant_exits_3_and_no_backup_is_taken()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        await using var holder = await BackupFixture.HoldTenantLockAsync(t, "tenant123");

        var human = await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0");
        var json = await cli.RunAsync("create-backup", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0", "-o", "json");

        human.ShouldFailWith(3, "Tenant 'tenant123' is busy");
        Assert.Equal((3, "tenant-busy"), (json.Json.GetProperty("error").GetProperty("exitCode").GetInt32(), json.Json.GetProperty("error").GetProperty("kind").GetString()));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.migration_backups"));
    }
}
