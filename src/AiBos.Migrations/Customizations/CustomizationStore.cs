using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace AiBos.Migrations.Customizations;

/// <summary>Reads and writes a tenant's active customization documents, in the caller's transaction.</summary>
internal static class CustomizationStore
{
    private static string Table(string schema) => $"{Identifiers.Quote(schema)}.{CustomizationTables.Documents}";

    public static async Task<List<CustomizationDocument>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string module, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT module, kind, key, version, revision, document::text, updated_at, updated_by FROM {Table(schema)}
            WHERE module = @module ORDER BY kind, key {(forUpdate ? "FOR UPDATE" : "")}
            """, connection, transaction);
        command.Parameters.AddWithValue("module", module);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<CustomizationDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new CustomizationDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                SemanticVersion.Parse(reader.GetString(3)), reader.GetInt32(4), ParseObject(reader.GetString(5)),
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return documents;
    }

    /// <summary>One document, locked for update in the caller's transaction; null when it does not exist.</summary>
    public static Task<CustomizationDocument?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string module, string kind, string key, CancellationToken cancellationToken) =>
        ReadOneAsync(connection, transaction, schema, module, kind, key, cancellationToken);

    /// <summary>Writes a document's content, version and revision; updated_at is the statement's clock.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        CustomizationDocument document, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table(schema)} (module, kind, key, version, revision, document, updated_at, updated_by)
            VALUES (@module, @kind, @key, @version, @revision, @document, clock_timestamp(), @by)
            ON CONFLICT (module, kind, key) DO UPDATE SET version = excluded.version, revision = excluded.revision,
                document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, connection, transaction);
        CustomizationStore.AddDocumentParameters(command, document);
        command.Parameters.AddWithValue("by", (object?)document.UpdatedBy ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string module, string kind, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {Table(schema)} WHERE module = @module AND kind = @kind AND key = @key", connection, transaction);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new MigrationException("A stored customization document is not a JSON object.");

    private static async Task<CustomizationDocument?> ReadOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema,
        string module, string kind, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT version, revision, document::text, updated_at, updated_by FROM {Table(schema)}
            WHERE module = @module AND kind = @kind AND key = @key FOR UPDATE
            """, connection, transaction);
        command.Parameters.AddWithValue("module", module);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new CustomizationDocument(module, kind, key, SemanticVersion.Parse(reader.GetString(0)), reader.GetInt32(1),
            ParseObject(reader.GetString(2)), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>The document's identity, version, revision and content as @module, @kind, @key, @version, @revision, @document.</summary>
    internal static void AddDocumentParameters(NpgsqlCommand command, CustomizationDocument document)
    {
        command.Parameters.AddWithValue("module", document.Module);
        command.Parameters.AddWithValue("kind", document.Kind);
        command.Parameters.AddWithValue("key", document.Key);
        command.Parameters.AddWithValue("version", document.Version.ToString());
        command.Parameters.AddWithValue("revision", document.Revision);
        command.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Jsonb) { Value = document.Document.ToJsonString() });
    }
}
