using System.Threading.Channels;
using AiBos.MigrationConsole.Hubs;
using AiBos.MigrationConsole.Tests.Infrastructure;
using AiBos.Migrations.Execution;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AiBos.MigrationConsole.Tests.Hubs;

/// <summary>A SignalR client of <c>/hubs/runs</c> over the test server, collecting the <c>runEvent</c>s it receives.</summary>
public sealed class RunsHubClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Channel<RunEvent> received = Channel.CreateUnbounded<RunEvent>();

    private RunsHubClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<RunEvent>(RunsHub.EventMethod, e => received.Writer.TryWrite(e));
    }

    public List<RunEvent> Events { get; } = [];

    public static async Task<RunsHubClient> ConnectAsync(ConsoleApp app)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, RunsHub.Path), options =>
            {
                // The in-memory test server speaks HTTP only: long polling is the transport it can carry.
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var client = new RunsHubClient(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    public Task WatchAllAsync() => connection.InvokeAsync("WatchAll", TestContext.Current.CancellationToken);

    public Task WatchRunAsync(Guid runId) => connection.InvokeAsync("WatchRun", runId, TestContext.Current.CancellationToken);

    /// <summary>Reads events until the run-level event that ends <paramref name="runId"/> (a final status), and returns it.</summary>
    public async Task<RunEvent> WaitForEndAsync(Guid runId, TimeSpan within)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within);
        try
        {
            while (true)
            {
                var runEvent = await received.Reader.ReadAsync(deadline.Token);
                Events.Add(runEvent);
                if (runEvent.RunId == runId && runEvent.Step is null && !RunStatus.IsActive(runEvent.Status)) return runEvent;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No final event of run {runId} within {within}; received: {string.Join(", ", Events.Select(e => $"{e.Step ?? "run"} {e.Status}"))}");
            throw;
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
