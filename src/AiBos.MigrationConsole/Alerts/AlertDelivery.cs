using AiBos.Migrations;
using AiBos.MigrationConsole.Live;

namespace AiBos.MigrationConsole.Alerts;

/// <summary>
/// Delivers the alerts runs raise (on this node or any other process): at once when a run event arrives, and every few
/// seconds for retries. Several console nodes may run it together: the engine leases each alert to one of them.
/// </summary>
internal sealed partial class AlertDelivery(ModuleMigrationService engine, LiveRuns liveRuns, ILogger<AlertDelivery> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = liveRuns.Subscribe(runEvent =>
        {
            // Only run-level changes raise alerts; step progress does not need a delivery round.
            if (runEvent.Step is null && _wake.CurrentCount == 0) _wake.Release();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.DeliverAlertsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeliveryFailed(e);
            }
            await ((Task)_wake.WaitAsync(Interval, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(5101, LogLevel.Warning, "Delivering alerts failed; trying again shortly")]
    private partial void LogDeliveryFailed(Exception exception);
}
