using System.Diagnostics;
using Npgsql;

namespace AiBos.Migrations.Bench;

/// <summary>Runs pg_dump and pg_restore from <see cref="BenchSettings.PgBin"/> against the bench cluster.</summary>
public sealed class PgTools(BenchSettings settings)
{
    /// <summary><c>pg_dump -Fc</c> of the given tables (and sequences) into <paramref name="file"/>.</summary>
    public Task DumpAsync(string database, IEnumerable<string> relations, string file, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-Fc", "-f", file };
        foreach (var relation in relations) arguments.AddRange(["-t", relation]);
        arguments.Add(ConnectionInfo(database));
        return RunAsync("pg_dump", arguments, cancellationToken);
    }

    /// <summary><c>pg_restore -d</c> of a custom-format dump into an existing database.</summary>
    public Task RestoreAsync(string database, string file, CancellationToken cancellationToken) =>
        RunAsync("pg_restore", ["-d", ConnectionInfo(database), file], cancellationToken);

    /// <summary>A libpq connection string (keyword/value) for the bench cluster; the password, if any, goes through PGPASSWORD.</summary>
    private string ConnectionInfo(string database)
    {
        var b = new NpgsqlConnectionStringBuilder(settings.AdminConnectionString);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={database}";
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(settings.PgBin, tool)) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var password = new NpgsqlConnectionStringBuilder(settings.AdminConnectionString).Password;
        if (!string.IsNullOrEmpty(password)) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await errors}");
    }
}
