using Microsoft.Playwright;

namespace AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, which downloads nothing when given the browser's path. A missing browser
/// fails the tests with how to install it: browser tests never skip.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "AIBOS_CHROMIUM";
    private const string DebianPath = "/usr/bin/chromium";

    // The flags that keep Chromium quiet and offline in a container (STACK-NOTES.md).
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DebianPath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Chromium is not installed at {path}: install Debian's with `sudo apt-get install -y chromium` (./test.sh does it), " +
                $"or set {PathVariable} to a Chromium binary. The browser tests need it and do not skip.");
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = Flags });
    }
}
