using AiBos.Migrations.Execution;
using Microsoft.AspNetCore.SignalR;

namespace AiBos.MigrationConsole.Hubs;

/// <summary>
/// Live run events for clients outside the dashboard (scripts, other tools). A client calls <c>WatchAll()</c> for
/// the events of every run, or <c>WatchRun(runId)</c> for one run's, and receives them as <c>runEvent</c>
/// (a <see cref="RunEvent"/> in JSON).
/// </summary>
public sealed class RunsHub : Hub
{
    public const string Path = "/hubs/runs";
    public const string EventMethod = "runEvent";
    private const string AllRuns = "runs:all";

    public Task WatchAll() => Groups.AddToGroupAsync(Context.ConnectionId, AllRuns);

    public Task WatchRun(Guid runId) => Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(runId));

    public Task UnwatchRun(Guid runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(runId));

    private static string GroupOf(Guid runId) => $"run:{runId:N}";

    internal static Task SendAsync(IHubClients clients, RunEvent runEvent, CancellationToken cancellationToken) =>
        clients.Groups(AllRuns, GroupOf(runEvent.RunId)).SendAsync(EventMethod, runEvent, cancellationToken);
}
