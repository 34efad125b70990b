using System.Diagnostics;

namespace AiBos.MigrationConsole.Tests.Scheduling;

/// <summary>A console node in a child process, so that a test can kill it with SIGKILL as a crash would.</summary>
internal sealed class ChildConsole : IDisposable
{
    private readonly Process _process;

    private ChildConsole(Process process) => _process = process;

    public static ChildConsole Start(string connectionString)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AiBos.MigrationConsole.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ConnectionStrings__Catalog"] = connectionString;
        info.Environment["AiBos__Execution__HeartbeatInterval"] = "00:00:00.200";
        info.Environment["AiBos__Scheduling__CheckinInterval"] = "00:00:01";
        info.Environment["AiBos__Scheduling__CheckinMisfireThreshold"] = "00:00:01";
        info.Environment["AiBos__Scheduling__MisfireThreshold"] = "00:00:01";
        info.Environment["AiBos__Scheduling__IdleWaitTime"] = "00:00:01";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("The child console did not start.");
        // Drain its output so that a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildConsole(process);
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster, connections dropped mid-statement.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
