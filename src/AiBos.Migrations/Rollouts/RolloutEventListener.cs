using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using AiBos.Migrations.Catalog;
using Npgsql;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// LISTENs on the catalog for rollout events of every process. A channel of its own, not the run events' one: a
/// listener of either never meets the other's payloads, and each tenant's run still announces itself as a run.
/// </summary>
public sealed class RolloutEventListener(CatalogDatabase catalog)
{
    public const string Channel = "aibos_rollout_events";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<RolloutEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = System.Threading.Channels.Channel.CreateBounded<RolloutEvent>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        var pump = Task.CompletedTask;
        try
        {
            connection.Notification += (_, e) =>
            {
                if (e.Channel != Channel) return;
                try
                {
                    if (JsonSerializer.Deserialize<RolloutEvent>(e.Payload, Json) is { } rolloutEvent) events.Writer.TryWrite(rolloutEvent);
                }
                catch (JsonException)
                {
                    // A payload from another version of the engine: ignore it rather than stop listening.
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken);

            pump = PumpAsync(connection, events.Writer, stop.Token);
            await foreach (var rolloutEvent in events.Reader.ReadAllAsync(cancellationToken))
                yield return rolloutEvent;
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
            await connection.DisposeAsync();
        }
    }

    private static async Task PumpAsync(NpgsqlConnection connection, ChannelWriter<RolloutEvent> writer, CancellationToken cancellationToken)
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
