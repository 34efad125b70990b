using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// In-process fan-out of the rollout events of this process (live CLI output). Each subscriber has its own bounded
/// buffer; a slow one loses its oldest events rather than slowing the rollout. Events of rollouts in other
/// processes arrive through <see cref="RolloutEventListener"/>.
/// </summary>
public sealed class RolloutEventBus
{
    private readonly Lock _gate = new();
    private readonly List<Channel<RolloutEvent>> _subscribers = [];

    public void Publish(RolloutEvent rolloutEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(rolloutEvent);
        }
    }

    public async IAsyncEnumerable<RolloutEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RolloutEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _subscribers.Add(channel);
        try
        {
            await foreach (var rolloutEvent in channel.Reader.ReadAllAsync(cancellationToken))
                yield return rolloutEvent;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }
}
