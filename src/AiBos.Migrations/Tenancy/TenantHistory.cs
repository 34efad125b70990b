using AiBos.Migrations.Registry;
using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>A row of a tenant's <c>aibos_schema_history</c>.</summary>
public sealed record HistoryEntry(
    long Id, string Module, string Version, string FileName, string Checksum,
    string Direction, bool IsUndo, Guid RunId, DateTimeOffset AppliedAt, int ExecutionMs);

/// <summary>What a tenant schema says is applied: the truth the catalog mirrors.</summary>
public sealed record TenantState(
    IReadOnlyDictionary<string, SemanticVersion> ModuleVersions,
    IReadOnlyList<HistoryEntry> Applied)
{
    public SemanticVersion VersionOf(string module) =>
        ModuleVersions.TryGetValue(module, out var version) ? version : SemanticVersion.None;

    public bool IsApplied(string module, string file) =>
        Applied.Any(a => a.Module == module && a.FileName == file);
}

/// <summary>Reads and writes a tenant's history and module versions on a connection to the tenant's shard.</summary>
public static class TenantHistory
{
    public static Task<TenantState> ReadStateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken) =>
        ReadStateAsync(connection, null, schema, cancellationToken);

    public static async Task<TenantState> ReadStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        var s = Identifiers.Quote(schema);
        var versions = new Dictionary<string, SemanticVersion>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT module, version FROM {s}.{TenantBookkeeping.VersionsTable}", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                versions[reader.GetString(0)] = SemanticVersion.Parse(reader.GetString(1));
        }

        // The latest row per file decides; a file is applied when that row is an "up".
        var applied = await ReadAsync(connection, transaction, $"""
            SELECT * FROM (
                SELECT DISTINCT ON (module, file_name) id, module, version, file_name, checksum, direction, is_undo,
                       run_id, applied_at, execution_ms
                FROM {s}.{TenantBookkeeping.HistoryTable}
                ORDER BY module, file_name, id DESC) latest
            WHERE direction = 'up'
            ORDER BY id
            """, null, cancellationToken);
        return new TenantState(versions, applied);
    }

    /// <summary>The rows a run wrote, oldest first.</summary>
    public static Task<List<HistoryEntry>> ReadRunAsync(NpgsqlConnection connection, string schema, Guid runId, CancellationToken cancellationToken) =>
        ReadAsync(connection, null, $"""
            SELECT id, module, version, file_name, checksum, direction, is_undo, run_id, applied_at, execution_ms
            FROM {Identifiers.Quote(schema)}.{TenantBookkeeping.HistoryTable}
            WHERE run_id = @run ORDER BY id
            """, runId, cancellationToken);

    public static Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, RegisteredMigration migration,
        string direction, bool isUndo, Guid runId, long executionMs, CancellationToken cancellationToken) =>
        AppendAsync(connection, transaction, schema, migration.Module, migration.Version.ToString(), migration.FileName, migration.Checksum,
            direction, isUndo, runId, executionMs, cancellationToken);

    public static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string module, string version, string fileName, string checksum,
        string direction, bool isUndo, Guid runId, long executionMs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Identifiers.Quote(schema)}.{TenantBookkeeping.HistoryTable}
                (module, version, file_name, checksum, direction, is_undo, run_id, execution_ms)
            VALUES (@module, @version, @file, @checksum, @direction, @undo, @run, @ms)
            """, connection, transaction);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("file", fileName);
        command.Parameters.AddWithValue("checksum", checksum);
        command.Parameters.AddWithValue("direction", direction);
        command.Parameters.AddWithValue("undo", isUndo);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("ms", (int)Math.Min(int.MaxValue, executionMs));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string module,
        SemanticVersion version, Guid runId, CancellationToken cancellationToken)
    {
        var table = $"{Identifiers.Quote(schema)}.{TenantBookkeeping.VersionsTable}";
        var sql = version.IsNone
            ? $"DELETE FROM {table} WHERE module = @module"
            : $"""
              INSERT INTO {table} (module, version, run_id, updated_at) VALUES (@module, @version, @run, clock_timestamp())
              ON CONFLICT (module) DO UPDATE SET version = excluded.version, run_id = excluded.run_id, updated_at = excluded.updated_at
              """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("version", version.ToString());
        command.Parameters.AddWithValue("run", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<HistoryEntry>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid? runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (runId is { } id) command.Parameters.AddWithValue("run", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetBoolean(6), reader.GetGuid(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt32(9)));
        }
        return entries;
    }
}
