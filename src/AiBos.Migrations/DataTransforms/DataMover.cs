using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// Moves one rule's rows for one run, batch by batch. A batch reads the next rows in source key order after the
/// checkpoint, writes them to the target (ON CONFLICT DO NOTHING: a row already moved is never written twice) and
/// advances the checkpoint, all in one statement of one transaction: a batch is either wholly done with its
/// checkpoint or not at all, so a killed run resumes with no gap and no duplicate.
/// </summary>
public sealed class DataMover(RunContext context, RegisteredDataRule rule, int batchSize)
{
    private static readonly string Checkpoints = TenantBookkeeping.DataCheckpointsTable;
    private static readonly string Written = TenantBookkeeping.DataWrittenTable;

    public sealed record Checkpoint(string[]? LastKey, long RowsTotal, long RowsRead, long RowsWritten, int Batches, bool TargetExisted, bool Completed);

    private string Schema => context.Tenant.Schema;

    /// <summary>The rule's checkpoint in this run, creating it (with the rows to move counted) on first use.</summary>
    public async Task<Checkpoint> PrepareAsync(CancellationToken cancellationToken)
    {
        if (await ReadCheckpointAsync(cancellationToken) is { } existing) return existing;
        var (source, _, _) = await ShapesAsync(cancellationToken);
        // Unknown start (a resumed run): assume the target existed, so a rollback deletes exactly the rows written.
        var targetExisted = context.TablesAtStart?.Contains(rule.Rule.TargetTable) ?? true;
        return await context.Sql.InTransactionAsync("data", async (connection, transaction, ct) =>
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {source.Quoted} s{Where(null)}", connection, transaction);
            var total = (long)(await count.ExecuteScalarAsync(ct))!;
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO {Identifiers.Quote(Schema)}.{Checkpoints} (run_id, module, version, rule_id, target_table, rows_total, target_existed)
                VALUES (@run, @module, @version, @rule, @target, @total, @existed)
                """, connection, transaction);
            AddRuleParameters(insert);
            insert.Parameters.AddWithValue("total", total);
            insert.Parameters.AddWithValue("existed", targetExisted);
            insert.Parameters.AddWithValue("target", rule.Rule.TargetTable);
            await insert.ExecuteNonQueryAsync(ct);
            return new Checkpoint(null, total, 0, 0, 0, targetExisted, false);
        }, cancellationToken);
    }

    /// <summary>Moves the remaining rows; <paramref name="progress"/> hears of every batch.</summary>
    public async Task MoveAsync(Checkpoint checkpoint, DataProgress progress, CancellationToken cancellationToken)
    {
        var (source, target, mapping) = await ShapesAsync(cancellationToken);
        var lastKey = checkpoint.LastKey;
        var first = BatchSql(source, target, mapping, checkpoint.TargetExisted, afterKey: false);
        var next = BatchSql(source, target, mapping, checkpoint.TargetExisted, afterKey: true);
        for (var done = checkpoint.Completed; !done;)
        {
            var (read, moved, key) = await context.Sql.InTransactionAsync("data", async (connection, transaction, ct) =>
            {
                // Each batch commits with its checkpoint; losing the last few commits in a server crash loses both
                // together, so waiting for the WAL flush of every batch buys nothing.
                await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
                    await relaxed.ExecuteNonQueryAsync(ct);
                await using var command = new NpgsqlCommand(lastKey is null ? first : next, connection, transaction);
                AddRuleParameters(command);
                command.Parameters.AddWithValue("limit", batchSize);
                command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)lastKey ?? DBNull.Value });
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2));
            }, cancellationToken);
            lastKey = key ?? lastKey;
            done = read < batchSize;
            await progress.BatchDoneAsync(rule, read, read - moved, done, cancellationToken);
        }
    }

    /// <summary>Removes what the rule wrote in <paramref name="runId"/> and forgets its checkpoint. Safe to repeat.</summary>
    public static async Task UndoAsync(RunContext context, Guid runId, CancellationToken cancellationToken)
    {
        var schema = Identifiers.Quote(context.Tenant.Schema);
        await context.Sql.InTransactionAsync("data", async (connection, transaction, ct) =>
        {
            var rules = new List<(string Version, string RuleId, string Target, bool TargetExisted)>();
            await using (var list = new NpgsqlCommand($"SELECT version, rule_id, target_table, target_existed FROM {schema}.{Checkpoints} WHERE run_id = @run AND module = @module", connection, transaction))
            {
                list.Parameters.AddWithValue("run", runId);
                list.Parameters.AddWithValue("module", context.Module);
                await using var reader = await list.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) rules.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
            }
            // A target created by the run itself goes with the schema step's rollback; only rows written into a
            // table that existed before the run are removed one by one.
            foreach (var (version, ruleId, targetTable, _) in rules.Where(r => r.TargetExisted))
                await DeleteWrittenRowsAsync(context, connection, transaction, runId, version, ruleId, targetTable, ct);
            await using var forget = new NpgsqlCommand(
                $"DELETE FROM {schema}.{Written} WHERE run_id = @run AND module = @module; DELETE FROM {schema}.{Checkpoints} WHERE run_id = @run AND module = @module",
                connection, transaction);
            forget.Parameters.AddWithValue("run", runId);
            forget.Parameters.AddWithValue("module", context.Module);
            await forget.ExecuteNonQueryAsync(ct);
            return rules.Count;
        }, cancellationToken);
    }

    private static async Task DeleteWrittenRowsAsync(RunContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId,
        string version, string ruleId, string targetTable, CancellationToken cancellationToken)
    {
        var target = await TableShape.ReadAsync(connection, transaction, context.Tenant.Schema, targetTable, cancellationToken);
        if (target is null) return; // the table was dropped since: nothing written into it is left to remove
        var key = KeyArray("t", target.PrimaryKey);
        await using var delete = new NpgsqlCommand($"""
            DELETE FROM {target.Quoted} t USING {Identifiers.Quote(context.Tenant.Schema)}.{Written} w
            WHERE w.run_id = @run AND w.module = @module AND w.version = @version AND w.rule_id = @rule AND {key} = w.target_key
            """, connection, transaction);
        delete.Parameters.AddWithValue("run", runId);
        delete.Parameters.AddWithValue("module", context.Module);
        delete.Parameters.AddWithValue("version", version);
        delete.Parameters.AddWithValue("rule", ruleId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private string BatchSql(TableShape source, TableShape target, IReadOnlyList<ColumnMapping> mapping, bool recordWritten, bool afterKey)
    {
        var keys = source.PrimaryKey;
        var keyColumns = string.Join(", ", keys.Select((k, i) => $"s.{Identifiers.Quote(k)} AS k{i}"));
        var valueColumns = string.Join(", ", mapping.Select((m, i) => $"s.{Identifiers.Quote(m.Source)} AS v{i}"));
        var order = string.Join(", ", keys.Select((_, i) => $"k{i}"));
        var keyset = afterKey
            ? $"({string.Join(", ", keys.Select(k => $"s.{Identifiers.Quote(k)}"))}) > ({string.Join(", ", keys.Select((k, i) => $"(@after)[{i + 1}]::{source.Column(k)!.Type}"))})"
            : null;
        var schema = Identifiers.Quote(Schema);
        var written = recordWritten
            ? $", written AS (INSERT INTO {schema}.{Written} (run_id, module, version, rule_id, target_key) SELECT @run, @module, @version, @rule, key FROM moved)"
            : "";
        return $"""
            WITH batch AS (
                SELECT {keyColumns}, {valueColumns} FROM {source.Quoted} s{Where(keyset)}
                ORDER BY {string.Join(", ", keys.Select(k => $"s.{Identifiers.Quote(k)}"))} LIMIT @limit
            ), moved AS (
                INSERT INTO {target.Quoted} ({string.Join(", ", mapping.Select(m => Identifiers.Quote(m.Target)))})
                SELECT {string.Join(", ", mapping.Select((_, i) => $"v{i}"))} FROM batch
                ON CONFLICT DO NOTHING
                RETURNING {KeyArray(null, target.PrimaryKey)} AS key
            ){written}, last AS (
                SELECT ARRAY[{string.Join(", ", keys.Select((_, i) => $"k{i}::text"))}] AS key FROM batch ORDER BY {string.Join(", ", keys.Select((_, i) => $"k{i} DESC"))} LIMIT 1
            ), advanced AS (
                UPDATE {schema}.{Checkpoints} SET
                    last_key = coalesce((SELECT key FROM last), last_key),
                    rows_read = rows_read + (SELECT count(*) FROM batch),
                    rows_written = rows_written + (SELECT count(*) FROM moved),
                    batches = batches + 1,
                    completed = (SELECT count(*) FROM batch) < @limit,
                    updated_at = clock_timestamp()
                WHERE run_id = @run AND module = @module AND version = @version AND rule_id = @rule
            )
            SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM moved), (SELECT key FROM last)
            """;
    }

    private static string KeyArray(string? alias, IReadOnlyList<string> columns) =>
        $"ARRAY[{string.Join(", ", columns.Select(c => $"{(alias is null ? "" : alias + ".")}{Identifiers.Quote(c)}::text"))}]";

    private string Where(string? keyset)
    {
        var parts = new[] { rule.Rule.WhereClause, keyset }.OfType<string>().ToList();
        return parts.Count == 0 ? "" : " WHERE " + string.Join(" AND ", parts);
    }

    private async Task<(TableShape Source, TableShape Target, IReadOnlyList<ColumnMapping> Mapping)> ShapesAsync(CancellationToken cancellationToken)
    {
        var connection = context.Session.Connection;
        var source = await TableShape.ReadAsync(connection, null, Schema, rule.Rule.SourceTable, cancellationToken);
        var target = await TableShape.ReadAsync(connection, null, Schema, rule.Rule.TargetTable, cancellationToken);
        if (source is null || target is null)
            throw new StepFailedException($"Data rule {rule.DisplayName}: the table '{(source is null ? rule.Rule.SourceTable : rule.Rule.TargetTable)}' does not exist in the tenant's schema after the schema step; check the tenant for drift (validate-migration shows it).");
        if (source.PrimaryKey.Count == 0 || target.PrimaryKey.Count == 0)
            throw new StepFailedException($"Data rule {rule.DisplayName}: the table '{(source.PrimaryKey.Count == 0 ? source.Table : target.Table)}' has no primary key in the tenant's schema, which the rule needs to move rows exactly once.");
        var mapping = DataRuleChecks.ResolveMapping(rule.Rule, source, target);
        var missing = mapping.Where(m => source.Column(m.Source) is null).Select(m => $"{source.Table}.{m.Source}")
            .Concat(mapping.Where(m => target.Column(m.Target) is null).Select(m => $"{target.Table}.{m.Target}")).ToList();
        if (missing.Count > 0)
            throw new StepFailedException($"Data rule {rule.DisplayName}: the tenant's schema lacks {string.Join(", ", missing)}; check the tenant for drift.");
        return (source, target, mapping);
    }

    private async Task<Checkpoint?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT last_key, rows_total, rows_read, rows_written, batches, target_existed, completed
            FROM {Identifiers.Quote(Schema)}.{Checkpoints} WHERE run_id = @run AND module = @module AND version = @version AND rule_id = @rule
            """, context.Session.Connection);
        AddRuleParameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new Checkpoint(reader.IsDBNull(0) ? null : reader.GetFieldValue<string[]>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt32(4), reader.GetBoolean(5), reader.GetBoolean(6));
    }

    private void AddRuleParameters(NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("run", context.RunId);
        command.Parameters.AddWithValue("module", rule.Module);
        command.Parameters.AddWithValue("version", rule.Version.ToString());
        command.Parameters.AddWithValue("rule", rule.Rule.Id);
    }
}
