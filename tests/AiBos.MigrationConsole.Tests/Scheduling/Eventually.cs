namespace AiBos.MigrationConsole.Tests.Scheduling;

/// <summary>Polls until a condition holds, or fails the test with what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last seen: {value}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
