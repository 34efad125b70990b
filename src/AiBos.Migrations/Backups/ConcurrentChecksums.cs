using System.Data;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// The content checksums of a backup's source tables, read on a second connection that imports the backup
/// transaction's snapshot (as <c>pg_dump -j</c> does) while the backup's own connection copies the rows. The hashing
/// (CPU) and the copy (mostly writing) run side by side instead of one after the other, both see exactly the same
/// rows, and the manifest is complete before the backup's transaction commits.
/// </summary>
internal static class ConcurrentChecksums
{
    /// <summary>Exports the caller's transaction snapshot; valid until that transaction ends.</summary>
    public static async Task<string> ExportSnapshotAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Reads the checksums under the backup's lock timeout: the backup holds its tables' locks, so when another session
    /// queues for an exclusive lock on one of them, this connection's lock request waits behind it, which PostgreSQL
    /// cannot see as a deadlock (the backup waits for this connection in the engine). The timeout ends the wait, and the
    /// backup is retried as on any lock timeout.
    /// </summary>
    public static async Task<IReadOnlyList<TableContent>> ReadAsync(SideConnection side, string snapshotId,
        IReadOnlyList<(string Source, string Name)> tables, CancellationToken cancellationToken)
    {
        if (!snapshotId.All(c => char.IsAsciiHexDigit(c) || c == '-'))
            throw new MigrationException($"Unexpected snapshot id '{snapshotId}' from pg_export_snapshot.");
        await using var connection = await side.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await SqlCommands.ExecuteAsync(connection, transaction,
            $"SET TRANSACTION SNAPSHOT '{snapshotId}'; SET LOCAL lock_timeout = {(long)side.LockTimeout.TotalMilliseconds}", cancellationToken);
        var contents = new List<TableContent>();
        foreach (var (source, name) in tables)
            contents.Add(await TableContents.ReadTableAsync(connection, transaction, source, name, cancellationToken));
        await transaction.RollbackAsync(cancellationToken);
        return contents;
    }
}

/// <summary>How to open another connection to the tenant's shard, and the lock timeout its statements keep.</summary>
internal sealed record SideConnection(Func<CancellationToken, Task<NpgsqlConnection>> OpenAsync, TimeSpan LockTimeout);
