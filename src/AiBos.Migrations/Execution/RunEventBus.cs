using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AiBos.Migrations.Execution;

/// <summary>
/// In-process fan-out of the run events of this process, for hosts to relay (SignalR, live CLI output).
/// Each subscriber has its own bounded buffer; a slow one loses its oldest events rather than slowing runs.
/// Events of runs in other processes arrive through <see cref="RunEventListener"/>.
/// </summary>
public sealed class RunEventBus
{
    private readonly Lock _gate = new();
    private readonly List<Channel<RunEvent>> _subscribers = [];

    public void Publish(RunEvent runEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(runEvent);
        }
    }

    public async IAsyncEnumerable<RunEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _subscribers.Add(channel);
        try
        {
            await foreach (var runEvent in channel.Reader.ReadAllAsync(cancellationToken))
                yield return runEvent;
        }
        finally
        {
            lock (_gate) _subscribers.Remove(channel);
        }
    }
}
