using System.Globalization;
using AiBos.Migrations.Cli.Hosting;
using AiBos.Migrations.Rollouts;
using Spectre.Console;

namespace AiBos.Migrations.Cli.Commands.Rollouts;

/// <summary>
/// Drives a rollout in this process while printing one line per tenant change, fed by this process's
/// <see cref="RolloutEventBus"/> (each run's own steps are left out: with several tenants at once they would interleave).
/// With --output json nothing is printed until the end.
/// </summary>
public static class RolloutLiveLines
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);

    public static async Task<RolloutOutcome> RunAsync(CliSession session, Func<CancellationToken, Task<RolloutOutcome>> start, CancellationToken cancellationToken)
    {
        if (session.Output.IsJson) return await start(cancellationToken);
        var console = session.Output.Console;
        using var stop = new CancellationTokenSource();
        var events = session.Get<RolloutEventBus>().SubscribeAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask(); // subscribes now, before the rollout starts
        var rollout = start(cancellationToken);
        try
        {
            while (true)
            {
                if (!rollout.IsCompleted)
                {
                    if (await Task.WhenAny(next, rollout) == rollout) continue;
                }
                else if (!rollout.IsCompletedSuccessfully || await Task.WhenAny(next, Task.Delay(DrainTimeout, stop.Token)) != next)
                {
                    break; // refused before it began, or nothing more to show
                }
                if (!await next) break;
                var e = events.Current;
                next = events.MoveNextAsync().AsTask();
                if (e.Tenant is null)
                {
                    if (e.Status != RolloutStatus.Running) break; // the rollout's last event
                    continue;
                }
                console.Write(new Markup($"{e.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {Markup.Escape(e.Tenant),-20} "));
                console.Write(RolloutView.Colour(e.Status, width: 14));
                console.WriteLine(Line(e));
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await next; } catch (OperationCanceledException) { /* the subscription ends here */ }
            await events.DisposeAsync();
        }
        return await rollout;
    }

    private static string Line(RolloutEvent e)
    {
        var c = e.Counts;
        var progress = $"  [{c.Completed + c.Failed + c.Skipped + c.Busy}/{c.Total} done, {c.Failed} failed]";
        var run = e.RunId is { } id ? $"  run {id}" : "";
        var reason = e.Message is { Length: > 0 } m ? $"  {m.ReplaceLineEndings(" ")}" : "";
        return $"{run}{reason}{progress}";
    }
}
