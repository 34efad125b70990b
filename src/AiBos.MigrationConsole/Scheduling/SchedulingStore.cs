using Microsoft.Extensions.Options;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// Creates the scheduler's schema in the catalog database before Quartz starts: <c>aibos_scheduling</c> with the
/// outcome table. Quartz then creates its own <c>qrtz_*</c> tables there (ProvisionSchema), so a fresh catalog
/// database needs nothing done by hand. The QRTZ_LOCKS rows are seeded here (Quartz issue 1786).
/// </summary>
internal sealed class SchedulingStore(ScheduleHistory history, IOptions<SchedulingOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => history.EnsureAsync(options.Value.SchedulerName, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
