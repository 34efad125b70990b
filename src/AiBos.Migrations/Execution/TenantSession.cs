using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Execution;

/// <summary>
/// A connection to a tenant's shard that holds the tenant's session-level advisory lock: one run per tenant.
/// The lock dies with the session, so a killed process leaves nothing to unlock by hand.
/// </summary>
public sealed class TenantSession : IAsyncDisposable
{
    private const string LockKeySql = "hashtextextended('aibos.tenant:' || @tenant, 0)";
    private readonly ShardConnections _shards;

    private TenantSession(ShardConnections shards, Tenant tenant, NpgsqlConnection connection)
    {
        _shards = shards;
        Tenant = tenant;
        Connection = connection;
    }

    public Tenant Tenant { get; }
    public NpgsqlConnection Connection { get; private set; }

    /// <summary>Waits up to <paramref name="wait"/> for the tenant's lock; null when another session keeps it.</summary>
    public static async Task<TenantSession?> TryAcquireAsync(ShardConnections shards, Tenant tenant, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        try
        {
            if (await TryLockUntilAsync(connection, tenant.Key, wait, cancellationToken))
                return new TenantSession(shards, tenant, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Makes sure the session is usable; after a broken connection (e.g. a cancel that timed out) it opens a new
    /// one and takes the lock again, waiting for the old server session to end.
    /// </summary>
    public async Task EnsureHealthyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (Connection.FullState == System.Data.ConnectionState.Open) return;
        await Connection.DisposeAsync();
        Connection = await _shards.OpenAsync(Tenant.Shard, cancellationToken);
        if (!await TryLockUntilAsync(Connection, Tenant.Key, wait, cancellationToken))
            throw new MigrationException($"The connection to tenant '{Tenant.Key}' broke and its lock could not be taken again within {wait.TotalSeconds:0} s.");
    }

    /// <summary>Whether any session on the shard holds the tenant's lock (used to tell abandoned runs from live ones).</summary>
    public static async Task<bool> IsLockedAsync(NpgsqlConnection connection, string tenantKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks
                           WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND ((classid::bigint << 32) | objid::bigint) = {LockKeySql})
            """, connection);
        command.Parameters.AddWithValue("tenant", tenantKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> TryLockUntilAsync(NpgsqlConnection connection, string tenantKey, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKeySql})", connection))
            {
                command.Parameters.AddWithValue("tenant", tenantKey);
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return true;
            }
            if (DateTimeOffset.UtcNow + delay > deadline) return false;
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Connection.FullState == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKeySql})", Connection);
                command.Parameters.AddWithValue("tenant", Tenant.Key);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The lock is session-level: closing the connection below releases it anyway.
        }
        await Connection.DisposeAsync();
    }
}
