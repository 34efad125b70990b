using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using AiBos.Migrations.Catalog;
using Npgsql;

namespace AiBos.Migrations.Execution;

/// <summary>
/// LISTENs on the catalog for run events of every process (CLI, API, other console nodes), so that a host can
/// show runs started elsewhere live, with no broker but PostgreSQL.
/// </summary>
public sealed class RunEventListener(CatalogDatabase catalog)
{
    public const string Channel = "aibos_run_events";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<RunEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = System.Threading.Channels.Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        Task pump = Task.CompletedTask;
        try
        {
            connection.Notification += (_, e) =>
            {
                if (e.Channel != Channel) return;
                try
                {
                    if (JsonSerializer.Deserialize<RunEvent>(e.Payload, Json) is { } runEvent) events.Writer.TryWrite(runEvent);
                }
                catch (JsonException)
                {
                    // A payload from another version of the engine: ignore it rather than stop listening.
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken);

            pump = PumpAsync(connection, events.Writer, stop.Token);
            await foreach (var runEvent in events.Reader.ReadAllAsync(cancellationToken))
                yield return runEvent;
        }
        finally
        {
            // Stop waiting for notifications before the connection goes back to the pool.
            await stop.CancelAsync();
            await pump;
            await connection.DisposeAsync();
        }
    }

    private static async Task PumpAsync(NpgsqlConnection connection, ChannelWriter<RunEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
                await connection.WaitAsync(cancellationToken);
            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
