using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>One document's previous content as a run found it, and what the run wrote (nothing when it set the document aside).</summary>
internal sealed record CustomizationHistoryEntry(
    long Id, Guid RunId, string Module, string Kind, string Key, bool Existed, SemanticVersion? PreviousVersion, int? PreviousRevision,
    JsonObject? PreviousDocument, string? WrittenVersion, int? WrittenRevision, string Action);

/// <summary>
/// The history of what runs did to customization documents, written in the same transaction as each change: a
/// rollback puts every document back exactly (content, version, revision, updated_at, updated_by) from it.
/// </summary>
internal static class CustomizationHistory
{
    public const string Migrated = "migrated";
    public const string Moved = "moved";
    public const string Quarantined = "quarantined";
    public const string Restored = "restored";
    public const string Reinstated = "reinstated";

    private static string Table(string schema) => $"{Identifiers.Quote(schema)}.{CustomizationTables.History}";

    /// <summary>Copies the document's current row (or its absence) into the run's history; call it before changing the document.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Guid runId,
        string module, string kind, string key, CustomizationDocument? written, string action, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table(schema)} (run_id, module, kind, key, existed, previous_version, previous_revision, previous_document,
                                         previous_updated_at, previous_updated_by, written_version, written_revision, action)
            SELECT @run, @module, @kind, @key, d.module IS NOT NULL, d.version, d.revision, d.document, d.updated_at, d.updated_by,
                   @written_version, @written_revision, @action
            FROM (SELECT 1) one
            LEFT JOIN {Identifiers.Quote(schema)}.{CustomizationTables.Documents} d ON d.module = @module AND d.kind = @kind AND d.key = @key
            ON CONFLICT (run_id, module, kind, key) DO UPDATE
                SET written_version = excluded.written_version, written_revision = excluded.written_revision, action = excluded.action
            """, connection, transaction);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("written_version", (object?)written?.Version.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("written_revision", (object?)written?.Revision ?? DBNull.Value);
        command.Parameters.AddWithValue("action", action);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The history of a run that no rollback has undone yet, newest first.</summary>
    public static Task<List<CustomizationHistoryEntry>> PendingOfRunAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        Guid runId, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, $"SELECT {Columns} FROM {Table(schema)} WHERE run_id = @run AND undone_at IS NULL ORDER BY id DESC",
            command => command.Parameters.AddWithValue("run", runId), cancellationToken);

    /// <summary>Every not-undone entry of a module's documents, newest first (what a downgrade walks back through).</summary>
    public static Task<List<CustomizationHistoryEntry>> OfModuleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string module, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, $"SELECT {Columns} FROM {Table(schema)} WHERE module = @module AND undone_at IS NULL ORDER BY id DESC",
            command => command.Parameters.AddWithValue("module", module), cancellationToken);

    /// <summary>Puts the entry's previous row back exactly (or removes the document when it did not exist) and marks the entry undone.</summary>
    public static async Task RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CustomizationHistoryEntry entry,
        CancellationToken cancellationToken)
    {
        var documents = $"{Identifiers.Quote(schema)}.{CustomizationTables.Documents}";
        var sql = entry.Existed
            ? $"""
              INSERT INTO {documents} (module, kind, key, version, revision, document, updated_at, updated_by)
              SELECT module, kind, key, previous_version, previous_revision, previous_document, previous_updated_at, previous_updated_by
              FROM {Table(schema)} WHERE id = @id
              ON CONFLICT (module, kind, key) DO UPDATE SET version = excluded.version, revision = excluded.revision,
                  document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
              """
            : $"DELETE FROM {documents} WHERE module = @module AND kind = @kind AND key = @key;";
        await using var command = new NpgsqlCommand(sql + $" UPDATE {Table(schema)} SET undone_at = clock_timestamp() WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", entry.Id);
        command.Parameters.AddWithValue("module", entry.Module);
        command.Parameters.AddWithValue("kind", entry.Kind);
        command.Parameters.AddWithValue("key", entry.Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string Columns = """
        id, run_id, module, kind, key, existed, previous_version, previous_revision, previous_document::text, written_version, written_revision, action
        """;

    private static async Task<List<CustomizationHistoryEntry>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<CustomizationHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new CustomizationHistoryEntry(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : SemanticVersion.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : CustomizationStore.ParseObject(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.GetString(11)));
        }
        return entries;
    }
}
