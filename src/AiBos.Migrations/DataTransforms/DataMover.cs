using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// Moves one rule's rows for one run, batch by batch. A batch reads the next rows in source key order after the
/// checkpoint, writes them to the target and advances the checkpoint, all in one transaction: a batch is either
/// wholly done with its checkpoint or not at all, so a killed run resumes with no gap and no duplicate.
/// </summary>
public sealed class DataMover(RunContext context, RegisteredDataRule rule, int? batchSize)
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
            var total = await RowsToMoveAsync(connection, transaction, source, ct);
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO {Identifiers.Quote(Schema)}.{Checkpoints} (run_id, module, version, rule_id, target_table, rows_total, target_existed)
                VALUES (@run, @module, @version, @rule, @target, @total, @existed)
                """, connection, transaction);
            AddRuleParameters(insert.Parameters);
            insert.Parameters.AddWithValue("total", total);
            insert.Parameters.AddWithValue("existed", targetExisted);
            insert.Parameters.AddWithValue("target", rule.Rule.TargetTable);
            await insert.ExecuteNonQueryAsync(ct);
            return new Checkpoint(null, total, 0, 0, 0, targetExisted, false);
        }, cancellationToken);
    }

    /// <summary>Tables above this many rows get the planner's estimate of the rows to move instead of a count.</summary>
    public const long EstimateAbove = 100_000;

    // The progress total. Counting a large table would scan it once more before the first row moves, so above
    // EstimateAbove rows the planner's estimate for the rule's condition is used; progress corrects it as rows move.
    private async Task<long> RowsToMoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableShape source, CancellationToken cancellationToken)
    {
        await using var size = new NpgsqlCommand("SELECT reltuples::bigint FROM pg_class WHERE oid = @relation::regclass", connection, transaction);
        size.Parameters.AddWithValue("relation", $"{Identifiers.Quote(Schema)}.{source.Quoted}");
        var rows = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
        if (rows <= EstimateAbove)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {source.Quoted} s{Where(null)}", connection, transaction);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM {source.Quoted} s{Where(null)}", connection, transaction);
        using var plan = System.Text.Json.JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(cancellationToken))!);
        return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetInt64();
    }

    /// <summary>
    /// Moves the remaining rows; <paramref name="progress"/> hears of every batch. Without an explicit batch size the
    /// batch grows from <see cref="DataStep.DefaultBatchSize"/> while batches take less than
    /// <see cref="AdaptiveBatchTime"/>, so that per-batch costs (a commit, a checkpoint) stay small beside the rows.
    /// </summary>
    public async Task MoveAsync(Checkpoint checkpoint, DataProgress progress, CancellationToken cancellationToken)
    {
        var (source, target, mapping) = await ShapesAsync(cancellationToken);
        if (!checkpoint.TargetExisted && source.PrimaryKey.Count == 1)
        {
            await MoveByKeyRangeAsync(checkpoint, source, target, mapping, progress, cancellationToken);
            return;
        }
        var lastKey = checkpoint.LastKey;
        var first = BatchSql(source, target, mapping, checkpoint.TargetExisted, afterKey: false);
        var next = BatchSql(source, target, mapping, checkpoint.TargetExisted, afterKey: true);
        var size = batchSize ?? DataStep.DefaultBatchSize;
        for (var done = checkpoint.Completed; !done;)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var limit = size;
            var (read, moved, key) = await context.Sql.InTransactionAsync("data", async (connection, transaction, ct) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                // Each batch commits with its checkpoint; losing the last few commits in a server crash loses both
                // together, so waiting for the WAL flush of every batch buys nothing.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
                var command = new NpgsqlBatchCommand(lastKey is null ? first : next);
                AddRuleParameters(command.Parameters);
                command.Parameters.AddWithValue("limit", limit);
                command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)lastKey ?? DBNull.Value });
                batch.BatchCommands.Add(command);
                await using var reader = await batch.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2));
            }, cancellationToken);
            lastKey = key ?? lastKey;
            done = read < limit;
            await progress.BatchDoneAsync(rule, read, read - moved, done, cancellationToken);
            if (batchSize is null && watch.Elapsed < AdaptiveBatchTime) size = Math.Min(size * 2, MaxAdaptiveBatchSize);
        }
    }

    /// <summary>
    /// The fast path, for a table the run created and a source with a one-column key: each batch first finds the key
    /// that closes it (the batch size-th source row after the checkpoint, an index-only read), then moves that key
    /// range with one plain INSERT ... SELECT, which PostgreSQL runs like the single statement it replaces. Into a
    /// table the run created, the checkpoint alone keeps every row from being written twice (a duplicate key in the
    /// source is an error, not a row silently dropped). A batch holds up to the batch size of source rows.
    /// </summary>
    private async Task MoveByKeyRangeAsync(Checkpoint checkpoint, TableShape source, TableShape target, IReadOnlyList<ColumnMapping> mapping,
        DataProgress progress, CancellationToken cancellationToken)
    {
        var key = $"s.{Identifiers.Quote(source.PrimaryKey[0])}";
        var type = source.Column(source.PrimaryKey[0])!.Type;
        var lastKey = checkpoint.LastKey;
        var size = batchSize ?? DataStep.DefaultBatchSize;
        for (var done = checkpoint.Completed; !done;)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var after = lastKey is null ? null : $"{key} > (@after)[1]::{type}";
            var (moved, upTo) = await context.Sql.InTransactionAsync("data", async (connection, transaction, ct) =>
            {
                await using var bound = new NpgsqlCommand(
                    $"SELECT {key}::text FROM {source.Quoted} s{(after is null ? "" : " WHERE " + after)} ORDER BY {key} OFFSET @skip LIMIT 1", connection, transaction);
                bound.Parameters.AddWithValue("skip", size - 1);
                bound.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)lastKey ?? DBNull.Value });
                var upTo = await bound.ExecuteScalarAsync(ct) as string;

                var range = new[] { after, upTo is null ? null : $"{key} <= (@upto)[1]::{type}" }.OfType<string>().ToList();
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off")); // see MoveAsync
                // A key range is best read page by page (a bitmap scan reads each heap page once, in physical order, as
                // the single statement's sequential scan does) rather than row by row in key order.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_indexscan = off"));
                var move = new NpgsqlBatchCommand($"""
                    INSERT INTO {target.Quoted} ({string.Join(", ", mapping.Select(m => Identifiers.Quote(m.Target)))})
                    SELECT {string.Join(", ", mapping.Select(m => $"s.{Identifiers.Quote(m.Source)}"))} FROM {source.Quoted} s{Where(range.Count == 0 ? null : string.Join(" AND ", range))}
                    """);
                move.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)lastKey ?? DBNull.Value });
                move.Parameters.Add(new NpgsqlParameter("upto", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = upTo is null ? DBNull.Value : new[] { upTo } });
                batch.BatchCommands.Add(move);
                await batch.ExecuteNonQueryAsync(ct);
                var moved = (long)move.Rows;

                await using var advance = new NpgsqlCommand($"""
                    UPDATE {Identifiers.Quote(Schema)}.{Checkpoints}
                    SET last_key = coalesce(@upto, last_key), rows_read = rows_read + @moved, rows_written = rows_written + @moved,
                        batches = batches + 1, completed = @upto IS NULL, updated_at = clock_timestamp()
                    WHERE run_id = @run AND module = @module AND version = @version AND rule_id = @rule
                    """, connection, transaction);
                AddRuleParameters(advance.Parameters);
                advance.Parameters.AddWithValue("moved", moved);
                advance.Parameters.Add(new NpgsqlParameter("upto", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = upTo is null ? DBNull.Value : new[] { upTo } });
                await advance.ExecuteNonQueryAsync(ct);
                return (moved, upTo);
            }, cancellationToken);
            lastKey = upTo is null ? lastKey : [upTo];
            done = upTo is null;
            await progress.BatchDoneAsync(rule, moved, 0, done, cancellationToken);
            if (batchSize is null && watch.Elapsed < AdaptiveBatchTime) size = Math.Min(size * 2, MaxAdaptiveBatchSize);
        }
    }

    /// <summary>An adaptive batch doubles while a batch takes less than this.</summary>
    public static readonly TimeSpan AdaptiveBatchTime = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest batch an adaptive batch size grows to.</summary>
    public const int MaxAdaptiveBatchSize = 50_000;

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
        var keyset = afterKey
            ? $"({string.Join(", ", keys.Select(k => $"s.{Identifiers.Quote(k)}"))}) > ({string.Join(", ", keys.Select((k, i) => $"(@after)[{i + 1}]::{source.Column(k)!.Type}"))})"
            : null;
        var read = $"FROM {source.Quoted} s{Where(keyset)} ORDER BY {string.Join(", ", keys.Select(k => $"s.{Identifiers.Quote(k)}"))} LIMIT @limit";
        var targetColumns = string.Join(", ", mapping.Select(m => Identifiers.Quote(m.Target)));
        var schema = Identifiers.Quote(Schema);

        // The general path: the batch is read once into a CTE. Into a table that existed, rows already there are
        // skipped and the keys written are kept for the rollback.
        var keyColumns = keys.Select((_, i) => $"k{i}").ToList();
        var insert = $"INSERT INTO {target.Quoted} ({targetColumns}) SELECT {string.Join(", ", mapping.Select((_, i) => $"v{i}"))} FROM batch";
        var write = recordWritten
            ? $"""
              moved AS ({insert} ON CONFLICT DO NOTHING RETURNING {KeyArray(null, target.PrimaryKey)} AS key),
              written AS (INSERT INTO {schema}.{Written} (run_id, module, version, rule_id, target_key) SELECT @run, @module, @version, @rule, key FROM moved),
              """
            : $"moved AS ({insert}),";
        var movedCount = recordWritten ? "(SELECT count(*) FROM moved)" : "(SELECT count(*) FROM batch)";
        return $"""
            WITH batch AS (
                SELECT {string.Join(", ", keys.Select((k, i) => $"s.{Identifiers.Quote(k)} AS k{i}").Concat(mapping.Select((m, i) => $"s.{Identifiers.Quote(m.Source)} AS v{i}")))} {read}
            ),
            {write}
            last AS ({LastKey("batch", keyColumns)}){Advance("(SELECT count(*) FROM batch)", movedCount)}
            SELECT (SELECT count(*) FROM batch), {movedCount}, (SELECT key FROM last)
            """;
    }

    // The greatest key of a batch as text[]: max() for a single column (no sort), the last in key order otherwise.
    private static string LastKey(string from, IReadOnlyList<string> columns) => columns.Count == 1
        ? $"SELECT ARRAY[max({columns[0]})::text] AS key FROM {from} HAVING count(*) > 0"
        : $"SELECT ARRAY[{string.Join(", ", columns.Select(c => $"{c}::text"))}] AS key FROM {from} ORDER BY {string.Join(", ", columns.Select(c => $"{c} DESC"))} LIMIT 1";

    // Moves the checkpoint in the batch's own statement, so that the two commit together.
    private string Advance(string readCount, string writtenCount) => $"""
        , advanced AS (
            UPDATE {Identifiers.Quote(Schema)}.{Checkpoints} SET
                last_key = coalesce((SELECT key FROM last), last_key),
                rows_read = rows_read + {readCount},
                rows_written = rows_written + {writtenCount},
                batches = batches + 1,
                completed = {readCount} < @limit,
                updated_at = clock_timestamp()
            WHERE run_id = @run AND module = @module AND version = @version AND rule_id = @rule
        )
        """;

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
        AddRuleParameters(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new Checkpoint(reader.IsDBNull(0) ? null : reader.GetFieldValue<string[]>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt32(4), reader.GetBoolean(5), reader.GetBoolean(6));
    }

    private void AddRuleParameters(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("run", context.RunId);
        parameters.AddWithValue("module", rule.Module);
        parameters.AddWithValue("version", rule.Version.ToString());
        parameters.AddWithValue("rule", rule.Rule.Id);
    }
}
