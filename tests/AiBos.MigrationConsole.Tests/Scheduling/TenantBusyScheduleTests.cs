using AiBos.MigrationConsole.Scheduling;
using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.MigrationConsole.Tests.Scheduling;

public sealed class TenantBusyScheduleTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_schedule_that_fires_while_its_tenant_is_busy_ends_tenant_busy_with_the_engines_message_and_is_not_retried()
    {
        await using var node = await SchedulingNode.StartAsync(server);
        await ScheduledUpgradeTests.InstallAccountingAsync(node, "acme");
        var tenant = await node.Services.GetRequiredService<TenantService>().GetTenantAsync("acme", Ct);
        // Another run or restore holds the tenant (the engine's lock, from another session).
        await using var held = await TenantSession.TryAcquireAsync(node.Services.GetRequiredService<ShardConnections>(), tenant, TimeSpan.Zero, Ct);
        Assert.NotNull(held);

        var schedule = await node.Scheduler.ScheduleUpgradeAsync(
            new ScheduleUpgradeRequest("acme", "accounting", "1.0.0", "1.1.0", DateTimeOffset.UtcNow, null, "frank"), Ct);
        var fired = await ScheduledUpgradeTests.WaitUntilFiredAsync(node, schedule.Id);
        await held.DisposeAsync();

        Assert.Equal(ScheduleStatus.TenantBusy, fired.Status);
        Assert.Null(fired.RunId);
        Assert.Equal(new TenantBusyException("acme").Message, fired.Message);
        // Not retried blindly once the tenant is free: it stays as it ended, and no upgrade ever ran.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(fired, await node.Scheduler.GetUpgradeScheduleAsync(schedule.Id, Ct));
        var runs = await node.Engine.ListMigrationsAsync(new MigrationFilter("accounting", "acme"), Ct);
        Assert.Equal([RunKind.Install], runs.Select(r => r.Kind));
    }
}
