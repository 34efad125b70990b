using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Backups;

public sealed class ListAndShowBackupTests(PostgresServer server)
{
    [Fact]
    public async Task list_backups_filters_by_tenant_and_module_newest_first_including_the_backups_runs_take()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        await t.RegisterSamplesAsync("crm");
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "crm", "1.0.0");
        var manual = await BackupFixture.CreateBackupAsync(cli);
        var run = (await cli.RunAsync("execute-migration", "-t", "tenant123", "-m", "accounting", "-f", "1.0.0", "-v", "2.0.0", "-o", "json")).ShouldSucceed().Json.GetProperty("runId").GetGuid();
        (await cli.RunAsync("create-backup", "-t", "acme", "-m", "crm")).ShouldSucceed();

        var all = (await cli.RunAsync("list-backups", "-o", "json")).ShouldSucceed().Json.GetProperty("backups").EnumerateArray().ToList();
        var tenant123 = (await cli.RunAsync("list-backups", "-t", "tenant123", "-m", "accounting", "-o", "json")).ShouldSucceed().Json.GetProperty("backups").EnumerateArray().ToList();
        var human = (await cli.RunAsync("list-backups", "--tenant", "tenant123")).ShouldSucceed();
        var none = (await cli.RunAsync("list-backups", "-m", "inventory")).ShouldSucceed();

        Assert.Equal(3, all.Count);
        Assert.Equal("acme", all[0].GetProperty("tenant").GetString());
        Assert.Equal(2, tenant123.Count);
        Assert.Equal(run, tenant123[0].GetProperty("runId").GetGuid());
        Assert.Equal((manual, System.Text.Json.JsonValueKind.Null), (tenant123[1].GetProperty("id").GetGuid(), tenant123[1].GetProperty("runId").ValueKind));
        Assert.Contains(manual.ToString(), human.Out);
        Assert.Contains(run.ToString(), human.Out);
        Assert.DoesNotContain("acme", human.Out);
        Assert.Contains("2 backup(s).", human.Out);
        Assert.Contains("No backups yet", none.Out);
    }

    [Fact]
    public async Task show_backup_prints_the_manifest_tables_and_unknown_ids_are_not_found()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var id = await BackupFixture.CreateBackupAsync(cli);

        var human = (await cli.RunAsync("show-backup", "-i", id.ToString())).ShouldSucceed();
        var json = (await cli.RunAsync("show-backup", "-i", id.ToString(), "-o", "json")).ShouldSucceed().Json;

        Assert.Matches($@"Backup\s+{id}", human.Out);
        Assert.Matches(@"Module\s+accounting 1\.0\.0", human.Out);
        Assert.Matches(@"Type\s+full \(copy\)", human.Out);
        Assert.Matches(@"Rows\s+77 in 2 table\(s\)", human.Out);
        Assert.Matches(@"financial_reports\s+│\s+29\s+│\s+full", human.Out);
        Assert.Equal((id, "ready", 2), (json.GetProperty("id").GetGuid(), json.GetProperty("status").GetString(), json.GetProperty("tables").GetArrayLength()));
        Assert.Matches("^[0-9a-f]+$", json.GetProperty("tables")[0].GetProperty("checksum").GetString()!);
        (await cli.RunAsync("show-backup", "-i", Guid.NewGuid().ToString())).ShouldFailWith(4, "list-backups");
        (await cli.RunAsync("show-backup", "-i", "backup_123")).ShouldFailWith(2, "backup_123");
    }
}
