using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// The engine's customization tables inside a tenant schema (the tenant is the truth, as for schema history):
/// the active documents, the history of what each run changed (so that a rollback restores every document exactly),
/// and the quarantine of documents that could not be adapted. Created with the other bookkeeping tables.
/// </summary>
public static class CustomizationTables
{
    public const string Documents = "aibos_customizations";
    public const string History = "aibos_customization_history";
    public const string Quarantine = "aibos_customization_quarantine";

    public static string CreateSql(string quotedSchema) => $"""
        CREATE TABLE IF NOT EXISTS {quotedSchema}.{Documents} (
            module      text        NOT NULL,
            kind        text        NOT NULL,
            key         text        NOT NULL,
            version     text        NOT NULL,
            revision    integer     NOT NULL,
            document    jsonb       NOT NULL CHECK (jsonb_typeof(document) = 'object'),
            updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_by  text,
            PRIMARY KEY (module, kind, key)
        );
        CREATE TABLE IF NOT EXISTS {quotedSchema}.{History} (
            id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id              uuid        NOT NULL,
            module              text        NOT NULL,
            kind                text        NOT NULL,
            key                 text        NOT NULL,
            existed             boolean     NOT NULL,
            previous_version    text,
            previous_revision   integer,
            previous_document   jsonb,
            previous_updated_at timestamptz,
            previous_updated_by text,
            written_version     text,
            written_revision    integer,
            action              text        NOT NULL,
            recorded_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
            undone_at           timestamptz,
            UNIQUE (run_id, module, kind, key)
        );
        CREATE TABLE IF NOT EXISTS {quotedSchema}.{Quarantine} (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id          uuid,
            module          text        NOT NULL,
            kind            text        NOT NULL,
            key             text        NOT NULL,
            version         text        NOT NULL,
            revision        integer     NOT NULL,
            document        jsonb       NOT NULL,
            reason          text        NOT NULL,
            target_version  text,
            status          text        NOT NULL DEFAULT 'quarantined'
                            CHECK (status IN ('quarantined', 'released', 'discarded', 'rolled-back', 'reinstated')),
            quarantined_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
            resolved_at     timestamptz,
            resolved_by     text,
            resolved_by_run uuid
        );
        """;

    /// <summary>Creates the tables in a schema made before they existed (cheap when they are there).</summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        if (await ExistAsync(connection, transaction, schema, cancellationToken)) return;
        await SqlCommands.ExecuteAsync(connection, transaction, CreateSql(Identifiers.Quote(schema)), cancellationToken);
    }

    /// <summary>Whether the schema has the tables (a read-only preview treats a schema without them as having no documents).</summary>
    public static async Task<bool> ExistAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT to_regclass(format('%I.%I', @schema, @documents)) IS NOT NULL AND to_regclass(format('%I.%I', @schema, @quarantine)) IS NOT NULL",
            connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("documents", Documents);
        command.Parameters.AddWithValue("quarantine", Quarantine);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
