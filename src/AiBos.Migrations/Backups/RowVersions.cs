using Npgsql;

namespace AiBos.Migrations.Backups;

/// <summary>
/// What PostgreSQL's row versions prove about a table since a backup, so that a restore need not compare or hash
/// every row. A row version (tuple) is immutable: an UPDATE or INSERT writes a new one stamped with the writing
/// transaction's id (<c>xmin</c>), which freezing keeps. Hence:
/// <list type="bullet">
/// <item>A row of the same relation (same oid, same columns at the same positions, no inheritance children) whose
/// xmin is older than the oldest transaction the backup's snapshot could not see was visible to the backup, with the
/// same values: only rows written since then need comparing (<see cref="WrittenSince"/>).</item>
/// <item>A snapshot table holds exactly its backup's rows when its row count matches and every row still carries the
/// backup transaction's xid: any later insert or update would carry another one, a delete would change the count.</item>
/// </list>
/// Transaction ids are 32 bits and wrap around, so both are used only for backups fewer than 2^30 transactions old;
/// older ones take the full comparison.
/// </summary>
internal static class RowVersions
{
    private const long RecentLimit = 1L << 30;

    /// <summary>The backup transaction's snapshot xmin and its own (64-bit) xid; call inside that transaction after it wrote.</summary>
    public static async Task<(long SnapshotXmin, long Xid)> ReadBackupMarksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, pg_current_xact_id()::text::bigint", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The table's physical identity: oid, kind, whether it has inheritance children, and its live columns (position,
    /// name, type, modifier, collation). A different identity means rows may have arrived or changed without new row
    /// versions (a swapped-in table, a column dropped and added again), so the row-version shortcut does not apply.
    /// </summary>
    public static async Task<string?> TableIdentityAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string table,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT format('%s/%s/%s/', c.oid, c.relkind, CASE WHEN c.relhassubclass THEN 'parent' ELSE 'alone' END) || coalesce((
                SELECT string_agg(format('%s:%I:%s:%s:%s', a.attnum, a.attname, a.atttypid, a.atttypmod, a.attcollation), ',' ORDER BY a.attnum)
                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = @table
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// The backup's snapshot xmin when rows of <paramref name="stored"/>'s table written before it can be taken as they
    /// were at the backup (same relation and columns, a plain table, a recent backup); null when every row must be compared.
    /// </summary>
    public static async Task<long?> UnchangedBeforeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, BackupTable stored,
        BackupManifest manifest, CancellationToken cancellationToken)
    {
        if (manifest.SnapshotXmin is not { } snapshotXmin || !IsPlainTable(stored.Identity)) return null;
        if (await TableIdentityAsync(connection, transaction, schema, stored.Name, cancellationToken) != stored.Identity) return null;
        return await IsRecentAsync(connection, transaction, snapshotXmin, cancellationToken) ? snapshotXmin : null;
    }

    /// <summary>Whether <paramref name="identity"/> allows the shortcut at all: a plain table without inheritance children.</summary>
    public static bool IsPlainTable(string? identity) => identity is not null && identity.Split('/') is [_, "r", "alone", ..];

    /// <summary>Whether the 64-bit <paramref name="xid"/> is recent enough that 32-bit row xids compare unambiguously with it.</summary>
    public static async Task<bool> IsRecentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long xid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint - @xid", connection, transaction);
        command.Parameters.AddWithValue("xid", xid);
        var age = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return age is >= 0 and < RecentLimit;
    }

    /// <summary>
    /// A predicate on a row of the current table: true for every row version written by a transaction the backup's
    /// snapshot did not see, whose xid is the snapshot's xmin or newer. <c>age()</c> measures both from the same point
    /// within a transaction, so a row is at most as old as the snapshot's xmin exactly when it was written since; this
    /// holds while both are under 2^31 transactions old (<see cref="IsRecentAsync"/> asks for 2^30). Frozen rows keep
    /// their xid, and ancient ones may only wrap to "written since", which costs a comparison, never a missed row.
    /// </summary>
    public static string WrittenSince(long snapshotXmin, string alias) =>
        $"age({alias}.xmin) <= age('{Xid32(snapshotXmin)}'::xid)";

    /// <summary>The row count of a snapshot table and how many of its rows a transaction other than the backup's wrote.</summary>
    public static async Task<(long Rows, long Foreign)> CountSnapshotRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string source,
        long backupXid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT count(*), count(*) FILTER (WHERE t.xmin <> '{Xid32(backupXid)}'::xid) FROM {source} t", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The 32-bit xid that row versions carry for a 64-bit transaction id (its low half).</summary>
    private static long Xid32(long xid) => xid % (1L << 32);
}
