using Npgsql;

namespace AiBos.Migrations.Bench;

/// <summary>What the bench runs against, from the environment that bench/backup.sh sets.</summary>
public sealed record BenchSettings(string AdminConnectionString, string PgBin, int Rows, string ResultsDirectory)
{
    public const string ConnectionVariable = "AIBOS_BENCH_POSTGRES";

    public static BenchSettings FromEnvironment()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException($"{ConnectionVariable} is not set: run the benchmark with bench/backup.sh, which starts a private cluster.");
        var rows = int.TryParse(Environment.GetEnvironmentVariable("AIBOS_BENCH_ROWS"), out var n) && n > 0 ? n : 1_000_000;
        var pgBin = Environment.GetEnvironmentVariable("AIBOS_BENCH_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/bin";
        var results = Environment.GetEnvironmentVariable("AIBOS_BENCH_RESULTS") is { Length: > 0 } dir ? dir : Path.Combine("bench", "results");
        return new BenchSettings(connection, pgBin, rows, results);
    }

    /// <summary>The admin connection string pointed at another database.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;
}
