using System.Diagnostics;

namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>Starts the engine in a child process (AiBos.Migrations.TestHost) so that a test can kill it with SIGKILL.</summary>
public static class ChildEngine
{
    public static Process Start(TestEngine t, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AiBos.Migrations.TestHost.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in t.ChildEnvironment) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("The child engine did not start.");
    }
}
