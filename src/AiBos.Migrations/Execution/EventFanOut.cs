using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AiBos.Migrations.Execution;

/// <summary>
/// In-process fan-out of events of this process. Each subscriber has its own bounded buffer; a slow one loses its
/// oldest events rather than slowing the work that publishes them.
/// </summary>
public abstract class EventFanOut<T>
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _subscribers = [];

    public void Publish(T item)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(item);
        }
    }

    public async IAsyncEnumerable<T> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _subscribers.Add(channel);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
                yield return item;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }
}
