using System.Diagnostics;
using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>
/// The data step of a rehearsal: each rule moved on the scratch copy with one statement, timed, followed by its
/// validation queries; before the down plan the rows written into tables that existed before are deleted again, as
/// the real step's rollback does, so the round trip can hold.
/// </summary>
internal static class RehearsedDataRules
{
    private const string Written = "pg_temp.aibos_rh_written";

    /// <summary>Runs the rules forward; returns the first failure, or null.</summary>
    public static async Task<string?> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scratch,
        IReadOnlyCollection<string> tablesAtStart, IReadOnlyList<RegisteredDataRule> rules, List<RehearsalStep> steps, CancellationToken cancellationToken)
    {
        if (rules.Count == 0) return null;
        await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE TEMP TABLE {Written[8..]} (rule text NOT NULL, target text NOT NULL, key text[] NOT NULL) ON COMMIT DROP", cancellationToken);
        foreach (var rule in rules)
        {
            var watch = Stopwatch.StartNew();
            var name = $"data {rule.DisplayName}";
            var source = await TableShape.ReadAsync(connection, transaction, scratch, rule.Rule.SourceTable, cancellationToken);
            var target = await TableShape.ReadAsync(connection, transaction, scratch, rule.Rule.TargetTable, cancellationToken);
            if (source is null || target is null || target.PrimaryKey.Count == 0)
            {
                steps.Add(new RehearsalStep(name, watch.Elapsed, false, "its tables are missing on the copy"));
                return $"Data rule {rule.DisplayName}: '{rule.Rule.SourceTable}' or '{rule.Rule.TargetTable}' (with a primary key) is missing on the copy after the schema migrations.";
            }
            var mapping = DataRuleChecks.ResolveMapping(rule.Rule, source, target);
            var key = $"ARRAY[{string.Join(", ", target.PrimaryKey.Select(k => $"{Identifiers.Quote(k)}::text"))}]";
            var where = rule.Rule.WhereClause is { } w ? $" WHERE {w}" : "";
            var sql = $"""
                WITH moved AS (
                    INSERT INTO {Identifiers.Quote(scratch)}.{target.Quoted} ({string.Join(", ", mapping.Select(m => Identifiers.Quote(m.Target)))})
                    SELECT {string.Join(", ", mapping.Select(m => $"s.{Identifiers.Quote(m.Source)}"))} FROM {Identifiers.Quote(scratch)}.{source.Quoted} s{where}
                    ON CONFLICT DO NOTHING RETURNING {key} AS key)
                INSERT INTO {Written} SELECT @rule, @target, key FROM moved
                """;
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("rule", rule.DisplayName);
                command.Parameters.AddWithValue("target", tablesAtStart.Contains(target.Table) ? target.Table : "");
                var moved = await command.ExecuteNonQueryAsync(cancellationToken);
                foreach (var query in rule.Rule.ValidationQueries)
                    if (await ValidationQueries.EvaluateAsync(connection, transaction, query, cancellationToken, countsViolations: true) is { } failure)
                    {
                        steps.Add(new RehearsalStep(name, watch.Elapsed, false, failure));
                        return $"Validation query of data rule {rule.DisplayName} failed on the copy: {failure}";
                    }
                steps.Add(new RehearsalStep($"{name} ({moved} rows)", watch.Elapsed, true, null));
            }
            catch (PostgresException e)
            {
                steps.Add(new RehearsalStep(name, watch.Elapsed, false, e.MessageText));
                return $"Data rule {rule.DisplayName} failed on the copy: {e.MessageText} (SQLSTATE {e.SqlState}).";
            }
        }
        return null;
    }

    /// <summary>Deletes the rows the rules wrote into tables that existed before the plan (the step's rollback).</summary>
    public static async Task UndoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string scratch,
        IReadOnlyList<RegisteredDataRule> rules, CancellationToken cancellationToken)
    {
        foreach (var table in rules.Select(r => r.Rule.TargetTable).Distinct())
        {
            var target = await TableShape.ReadAsync(connection, transaction, scratch, table, cancellationToken);
            if (target is null) continue;
            var key = $"ARRAY[{string.Join(", ", target.PrimaryKey.Select(k => $"t.{Identifiers.Quote(k)}::text"))}]";
            await using var delete = new NpgsqlCommand(
                $"DELETE FROM {Identifiers.Quote(scratch)}.{target.Quoted} t USING {Written} w WHERE w.target = @target AND {key} = w.key", connection, transaction);
            delete.Parameters.AddWithValue("target", table);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
