using System.Diagnostics;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Runs operator SQL for one tenant: search_path pinned to the tenant schema, a short lock_timeout and a
/// statement_timeout on every statement. A lock timeout (or deadlock) rolls the attempt back and retries it with
/// exponential backoff until the run's token is cancelled, so a busy table delays the upgrade instead of
/// queueing the tenant's own traffic behind it.
/// </summary>
public sealed class TenantSql(TenantSession session, TimeSpan lockTimeout, TimeSpan statementTimeout, ExecutionOptions options, ILogger logger, Guid runId, string module)
{
    private static readonly HashSet<string> RetryableStates = [PostgresErrorCodes.LockNotAvailable, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.SerializationFailure];

    public TimeSpan LockTimeout => lockTimeout;

    /// <summary>Runs <paramref name="work"/> in one transaction, retrying it whole after a lock timeout.</summary>
    public async Task<T> InTransactionAsync<T>(string step, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = session.Connection;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await PinAsync(connection, transaction, local: true, cancellationToken);
                var result = await work(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (RetryableStates.Contains(e.SqlState) && !cancellationToken.IsCancellationRequested)
            {
                await SafeRollbackAsync(transaction);
                await BackOffAsync(step, attempt, cancellationToken);
            }
            catch
            {
                await SafeRollbackAsync(transaction);
                throw;
            }
        }
    }

    /// <summary>Runs one statement alone, outside any transaction (CREATE INDEX CONCURRENTLY, ...), with the same retries.</summary>
    public async Task RunAloneAsync(string step, string statement, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = session.Connection;
            try
            {
                await PinAsync(connection, null, local: false, cancellationToken);
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (RetryableStates.Contains(e.SqlState) && !cancellationToken.IsCancellationRequested)
            {
                await BackOffAsync(step, attempt, cancellationToken);
            }
            finally
            {
                if (connection.FullState == System.Data.ConnectionState.Open)
                {
                    await using var reset = new NpgsqlCommand("RESET search_path; RESET lock_timeout; RESET statement_timeout", connection);
                    await reset.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
        }
    }

    /// <summary>Executes a script (one or many statements) in the current transaction and returns its duration.</summary>
    public static async Task<long> ExecuteScriptAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return watch.ElapsedMilliseconds;
    }

    private async Task PinAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool local, CancellationToken cancellationToken)
    {
        var scope = local ? "LOCAL " : "";
        await using var command = new NpgsqlCommand(
            $"SET {scope}search_path TO {Identifiers.Quote(session.Tenant.Schema)}; " +
            $"SET {scope}lock_timeout = {(long)lockTimeout.TotalMilliseconds}; " +
            $"SET {scope}statement_timeout = {(long)statementTimeout.TotalMilliseconds}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task BackOffAsync(string step, int attempt, CancellationToken cancellationToken)
    {
        var initial = options.LockRetryInitialDelay.TotalMilliseconds;
        var delay = Math.Min(options.LockRetryMaxDelay.TotalMilliseconds, initial * Math.Pow(2, Math.Min(attempt - 1, 20)));
        delay *= 0.75 + (Random.Shared.NextDouble() / 2); // jitter, so that many tenants do not retry in step
        logger.LockRetry(step, runId, session.Tenant.Key, module, attempt, (long)delay);
        await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
    }

    private static async Task SafeRollbackAsync(NpgsqlTransaction transaction)
    {
        try
        {
            if (transaction.Connection is { FullState: System.Data.ConnectionState.Open })
                await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken; the server rolls the transaction back when the session ends.
        }
    }
}
