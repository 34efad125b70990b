using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>
/// The engine's own tables inside every tenant schema: the truth of what is applied there.
/// <c>aibos_schema_history</c> is append-only: every migration applied (up) or reverted (down), and every undo
/// of those by a rollback (<c>is_undo</c>). A file is applied when its latest row is an "up" row.
/// <c>aibos_module_versions</c> holds the verified version of each installed module.
/// <c>aibos_module_objects</c> says which module owns each table, view and standalone sequence: the relations a
/// module's migrations created, claimed in the same transaction. Backups copy exactly a module's relations.
/// <c>aibos_data_checkpoints</c> holds where each data rule of a run got to, written with each batch, so a killed run
/// resumes there; <c>aibos_data_written</c> the keys a rule wrote into a table that existed before the run, so a
/// rollback removes exactly those rows.
/// The customization tables (<see cref="Customizations.CustomizationTables"/>) are created here too.
/// </summary>
public static class TenantBookkeeping
{
    public const string HistoryTable = "aibos_schema_history";
    public const string VersionsTable = "aibos_module_versions";
    public const string ObjectsTable = "aibos_module_objects";
    public const string DataCheckpointsTable = "aibos_data_checkpoints";
    public const string DataWrittenTable = "aibos_data_written";

    /// <summary>Tables of the engine inside a tenant schema, excluded from module fingerprints and backups.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        HistoryTable, VersionsTable, ObjectsTable, DataCheckpointsTable, DataWrittenTable,
        Customizations.CustomizationTables.Documents, Customizations.CustomizationTables.History, Customizations.CustomizationTables.Quarantine,
    ];

    public static string CreateSql(string schema)
    {
        var s = Identifiers.Quote(schema);
        return $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.{HistoryTable} (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                module        text        NOT NULL,
                version       text        NOT NULL,
                file_name     text        NOT NULL,
                checksum      text        NOT NULL,
                direction     text        NOT NULL CHECK (direction IN ('up', 'down')),
                is_undo       boolean     NOT NULL DEFAULT false,
                run_id        uuid        NOT NULL,
                applied_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
                execution_ms  integer     NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS {HistoryTable}_module_file ON {s}.{HistoryTable} (module, file_name, id);
            CREATE INDEX IF NOT EXISTS {HistoryTable}_run ON {s}.{HistoryTable} (run_id, id);
            CREATE TABLE IF NOT EXISTS {s}.{ObjectsTable} (
                relation    text        PRIMARY KEY,
                module      text        NOT NULL,
                claimed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            CREATE TABLE IF NOT EXISTS {s}.{VersionsTable} (
                module      text        PRIMARY KEY,
                version     text        NOT NULL,
                run_id      uuid,
                updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            CREATE TABLE IF NOT EXISTS {s}.{DataCheckpointsTable} (
                run_id          uuid        NOT NULL,
                module          text        NOT NULL,
                version         text        NOT NULL,
                rule_id         text        NOT NULL,
                target_table    text        NOT NULL,
                last_key        text[],
                rows_total      bigint      NOT NULL DEFAULT 0,
                rows_read       bigint      NOT NULL DEFAULT 0,
                rows_written    bigint      NOT NULL DEFAULT 0,
                batches         integer     NOT NULL DEFAULT 0,
                target_existed  boolean     NOT NULL,
                completed       boolean     NOT NULL DEFAULT false,
                updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (run_id, module, version, rule_id)
            );
            CREATE TABLE IF NOT EXISTS {s}.{DataWrittenTable} (
                run_id      uuid   NOT NULL,
                module      text   NOT NULL,
                version     text   NOT NULL,
                rule_id     text   NOT NULL,
                target_key  text[] NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {DataWrittenTable}_rule ON {s}.{DataWrittenTable} (run_id, module, version, rule_id);
            {Customizations.CustomizationTables.CreateSql(s)}
            """;
    }

    public static async Task EnsureAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CreateSql(schema), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
