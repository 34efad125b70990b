using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace AiBos.Migrations.Catalog;

/// <summary>
/// LISTENs on one NOTIFY channel of the catalog and yields its JSON payloads as <typeparamref name="T"/>, from every
/// process, with no broker but PostgreSQL. A payload that does not parse (another engine version) is skipped; a slow
/// reader loses the oldest events rather than holding the connection's buffer.
/// </summary>
public static class CatalogNotifications
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async IAsyncEnumerable<T> ListenAsync<T>(CatalogDatabase catalog, string channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<T>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        var pump = Task.CompletedTask;
        try
        {
            connection.Notification += (_, e) =>
            {
                if (e.Channel != channel) return;
                try
                {
                    if (JsonSerializer.Deserialize<T>(e.Payload, Json) is { } item) events.Writer.TryWrite(item);
                }
                catch (JsonException)
                {
                    // A payload from another version of the engine: ignore it rather than stop listening.
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken);

            pump = PumpAsync(connection, events.Writer, stop.Token);
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
                yield return item;
        }
        finally
        {
            // Stop waiting for notifications before the connection goes back to the pool.
            await stop.CancelAsync();
            await pump;
            await connection.DisposeAsync();
        }
    }

    private static async Task PumpAsync<T>(NpgsqlConnection connection, ChannelWriter<T> writer, CancellationToken cancellationToken)
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
