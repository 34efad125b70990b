using System.Collections.Concurrent;

namespace AiBos.Migrations.Execution;

/// <summary>The runs executing in this process, with the token an operator's forced rollback cancels.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _runs = new();

    /// <summary>Identifies this process as the owner of its runs.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    internal CancellationTokenSource Register(Guid runId)
    {
        var source = new CancellationTokenSource();
        _runs[runId] = source;
        return source;
    }

    internal void Unregister(Guid runId)
    {
        if (_runs.TryRemove(runId, out var source)) source.Dispose();
    }

    public bool IsActive(Guid runId) => _runs.ContainsKey(runId);

    /// <summary>Cancels a run of this process so that it rolls back; false when the run is not running here.</summary>
    internal bool RequestRollback(Guid runId)
    {
        if (!_runs.TryGetValue(runId, out var source)) return false;
        try { source.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }
}
