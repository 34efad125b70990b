using AiBos.Migrations.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace AiBos.Migrations.Customizations;

/// <summary>The quarantine of documents that could not be adapted, in the caller's transaction.</summary>
internal static class CustomizationQuarantine
{
    private static string Table(string schema) => $"{Identifiers.Quote(schema)}.{CustomizationTables.Quarantine}";

    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Guid? runId,
        CustomizationDocument document, string reason, string? targetVersion, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table(schema)} (run_id, module, kind, key, version, revision, document, reason, target_version)
            VALUES (@run, @module, @kind, @key, @version, @revision, @document, @reason, @target)
            """, connection, transaction);
        command.Parameters.AddWithValue("run", (object?)runId ?? DBNull.Value);
        CustomizationStore.AddDocumentParameters(command, document);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("target", (object?)targetVersion ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Quarantined documents (only those still held unless <paramref name="includeResolved"/>), oldest first.</summary>
    public static async Task<List<QuarantinedCustomization>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string? module, bool includeResolved, CancellationToken cancellationToken, long? id = null)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT id, run_id, module, kind, key, version, revision, document::text, reason, target_version, status, quarantined_at, resolved_at, resolved_by
            FROM {Table(schema)}
            WHERE (@module::text IS NULL OR module = @module) AND (@all OR status = 'quarantined') AND (@id::bigint IS NULL OR id = @id)
            ORDER BY id
            """, connection, transaction);
        command.Parameters.AddWithValue("module", NpgsqlDbType.Text, (object?)module ?? DBNull.Value);
        command.Parameters.AddWithValue("all", includeResolved);
        command.Parameters.AddWithValue("id", NpgsqlDbType.Bigint, (object?)id ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<QuarantinedCustomization>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new QuarantinedCustomization(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt32(6), CustomizationStore.ParseObject(reader.GetString(7)), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }
        return items;
    }

    public static async Task SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, long id, string status,
        string? actor, Guid? runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE {Table(schema)} SET status = @status, resolved_at = clock_timestamp(), resolved_by = @actor, resolved_by_run = @run WHERE id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("actor", (object?)actor ?? DBNull.Value);
        command.Parameters.AddWithValue("run", (object?)runId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Undoes what a run did to the quarantine: the documents it set aside are back in the active set (their history
    /// restored them), so their entries are closed as rolled back; those it reinstated are held again.
    /// </summary>
    public static async Task UndoRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Guid undoRunId, Guid byRunId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE {Table(schema)} SET status = 'rolled-back', resolved_at = clock_timestamp(), resolved_by = NULL, resolved_by_run = @by
            WHERE run_id = @run AND status <> 'rolled-back';
            UPDATE {Table(schema)} SET status = 'quarantined', resolved_at = NULL, resolved_by = NULL, resolved_by_run = NULL
            WHERE resolved_by_run = @run AND status = 'reinstated';
            """, connection, transaction);
        command.Parameters.AddWithValue("run", undoRunId);
        command.Parameters.AddWithValue("by", byRunId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
