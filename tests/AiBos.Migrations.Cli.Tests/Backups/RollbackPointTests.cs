using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Backups;

public sealed class RollbackPointTests(PostgresServer server)
{
    [Fact]
    public async Task a_rollback_point_is_created_listed_and_restored_with_the_same_confirmation_as_a_backup()
    {
        await using var t = await TestEngine.StartAsync(server);
        var cli = await BackupFixture.Tenant123WithAccountingAsync(t);
        var atPoint = await t.SnapshotAsync("tenant123");

        var created = (await cli.RunAsync("create-rollback-point", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0", "--description", "Pre-migration backup", "-o", "json")).ShouldSucceed().Json;
        var human = (await cli.RunAsync("create-rollback-point", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0", "-d", "Second point")).ShouldSucceed();
        var point = created.GetProperty("rollbackPoint");
        var id = point.GetProperty("id").GetInt64();
        Assert.Equal(("Pre-migration backup", "manual", created.GetProperty("backup").GetProperty("id").GetGuid()),
            (point.GetProperty("description").GetString(), point.GetProperty("step").GetString(), point.GetProperty("backupId").GetGuid()));
        Assert.Equal(77, created.GetProperty("backup").GetProperty("rows").GetInt64());
        Assert.Contains("\"Second point\", accounting 1.0.0 for tenant tenant123", human.Out);
        Assert.Contains("restore-rollback-point -i ", human.Out);

        var listed = (await cli.RunAsync("list-rollback-points", "-t", "tenant123", "-m", "accounting", "-o", "json")).ShouldSucceed().Json.GetProperty("rollbackPoints").EnumerateArray().ToList();
        Assert.Equal(["Second point", "Pre-migration backup"], listed.Take(2).Select(p => p.GetProperty("description").GetString()));
        var stepPoint = listed.First(p => p.GetProperty("step").GetString() != "manual"); // the install run's, after each step: no backup of its own
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stepPoint.GetProperty("backupId").ValueKind);
        (await cli.RunAsync("restore-rollback-point", "-i", stepPoint.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldFailWith(2, "holds no backup");
        Assert.Contains("Pre-migration backup", (await cli.RunAsync("list-rollback-points", "-t", "tenant123", "-m", "accounting")).ShouldSucceed().Out);

        await BackupFixture.ChangeDataAsync(t);
        var changed = await t.SnapshotAsync("tenant123");
        var refused = await cli.RunAsync("restore-rollback-point", "-i", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        refused.ShouldFailWith(9, $"restore-rollback-point -i {id} --yes");
        Assert.Contains($"Restore rollback point {id} (backup ", refused.Out);
        changed.ShouldEqual(await t.SnapshotAsync("tenant123"));

        var restored = (await cli.RunAsync("restore-rollback-point", "-i", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--yes", "-o", "json")).ShouldSucceed().Json;
        Assert.Equal(("restored", id), (restored.GetProperty("outcome").GetString(), restored.GetProperty("rollbackPointId").GetInt64()));
        atPoint.ShouldEqual(await t.SnapshotAsync("tenant123"));

        (await cli.RunAsync("restore-rollback-point", "-i", "999999")).ShouldFailWith(4, "Rollback point 999999 does not exist");
        (await cli.RunAsync("create-rollback-point", "-t", "tenant123", "-m", "accounting", "-v", "1.0.0", "-d", " ")).ShouldFailWith(2, "1 to 500 characters");
    }
}
