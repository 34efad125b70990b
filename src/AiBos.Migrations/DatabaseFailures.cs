using System.Net.Sockets;
using Npgsql;

namespace AiBos.Migrations;

/// <summary>
/// Tells a database that cannot be reached (try again later: the CLI's exit code 6, the API's 503) from an error in what
/// was asked of it. One rule for every face.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>
    /// A connection that could not be opened or was lost, anywhere in the exception's chain. An SQL error (a
    /// <see cref="PostgresException"/> of another class) is not one.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => Chain(exception).Any(e => e switch
    {
        SocketException or TimeoutException => true,
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("28", StringComparison.Ordinal)
            || p.SqlState is "3D000" or "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException => true,
        _ => false,
    });

    /// <summary>The exception, its inner exceptions and those of aggregates, outermost first.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
