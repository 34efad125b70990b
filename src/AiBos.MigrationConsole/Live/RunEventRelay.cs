using AiBos.Migrations.Execution;
using AiBos.MigrationConsole.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace AiBos.MigrationConsole.Live;

/// <summary>
/// LISTENs to the catalog's run events and relays each one to this node's components (<see cref="LiveRuns"/>)
/// and to the SignalR clients of <see cref="RunsHub"/>. When the catalog connection drops it listens again after
/// a pause; events missed meanwhile are in the catalog, which pages read again when they reconnect.
/// </summary>
internal sealed partial class RunEventRelay(RunEventListener listener, LiveRuns liveRuns, IHubContext<RunsHub> hub, ILogger<RunEventRelay> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var runEvent in listener.ListenAsync(stoppingToken))
                {
                    await liveRuns.PublishAsync(runEvent);
                    await RunsHub.SendAsync(hub.Clients, runEvent, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(e, RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(5001, LogLevel.Warning, "Listening for run events failed; listening again in {Seconds} s")]
    private partial void LogListenFailed(Exception exception, double seconds);
}
