namespace AiBos.Migrations.Bench;

/// <summary>
/// The bench process's memory: the kernel's peak resident set (VmHWM, reset once the data is loaded) and a sampled
/// peak working set per operation.
/// </summary>
public sealed class MemoryProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly Lock _gate = new();
    private long _peak;

    public MemoryProbe()
    {
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(_stop.Token))
                Sample();
        }, _stop.Token);
    }

    /// <summary>Starts a new sampled window; returns the peak of the previous one in bytes.</summary>
    public long Restart()
    {
        Sample();
        lock (_gate)
        {
            var peak = _peak;
            _peak = Environment.WorkingSet;
            return peak;
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        lock (_gate) _peak = Math.Max(_peak, now);
    }

    /// <summary>Resets the kernel's peak resident set size of this process (Linux 4.0+: write 5 to clear_refs).</summary>
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>VmHWM from /proc/self/status in bytes, or the runtime's peak working set where /proc is missing.</summary>
    public static long PeakResidentBytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), out var kb))
                return kb * 1024;
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _sampler; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
