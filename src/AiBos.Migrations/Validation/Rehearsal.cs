using System.Diagnostics;
using System.Text.RegularExpressions;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>What a rehearsal measured, and whether the down plan brought the copy back to where it started.</summary>
public sealed record RehearsalReport(bool ForwardSucceeded, bool RoundTripHeld, long RowsCopied, int? SampleRows,
    IReadOnlyList<RehearsalStep> Steps, IReadOnlyList<string> Differences, string? Failure);

public sealed record RehearsalStep(string Name, TimeSpan Elapsed, bool Succeeded, string? Error);

/// <summary>
/// Runs a plan on a copy of the tenant's relations in a scratch schema on the same shard, then the down plan, and
/// compares the copy with its starting point. Everything happens in one REPEATABLE READ transaction that is always
/// rolled back: the tenant is only read (one consistent snapshot), and the scratch schema disappears whatever
/// happens, failure, cancellation or a killed process included. Statements that cannot run in a transaction
/// (CREATE INDEX CONCURRENTLY) are rehearsed without CONCURRENTLY, which builds the same objects.
/// </summary>
internal static partial class Rehearsal
{
    [GeneratedRegex(@"\bCONCURRENTLY\b", RegexOptions.IgnoreCase)]
    private static partial Regex Concurrently();

    public static async Task<RehearsalReport> RunAsync(NpgsqlConnection connection, Tenant tenant, MigrationPlan plan, int? sampleRows,
        IReadOnlyList<DataTransforms.RegisteredDataRule> dataRules, CustomizationCheck customizations, TimeSpan customizationTime, CancellationToken cancellationToken)
    {
        var steps = new List<RehearsalStep>();
        var scratch = Identifiers.Quote($"aibos_rh_{Guid.NewGuid():N}");
        var scratchName = scratch.Trim('"');
        var tenantSchema = Identifiers.Quote(tenant.Schema);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await SqlCommands.ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO {tenantSchema}", cancellationToken);
            var relations = (await ModuleObjects.ReadRelationsAsync(connection, transaction, tenant.Schema, cancellationToken)).ToList();
            var watch = Stopwatch.StartNew();
            var structure = await ModuleStructureReader.ReadAsync(connection, transaction, tenant.Schema, relations, cancellationToken);
            await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE SCHEMA {scratch}; SET LOCAL search_path TO {scratch}, {tenantSchema}", cancellationToken);
            foreach (var statement in structure.Create) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
            long copied = 0;
            foreach (var shape in structure.Tables)
            {
                var columns = string.Join(", ", shape.Insertable.Select(Identifiers.Quote));
                var overriding = shape.HasIdentityAlways ? " OVERRIDING SYSTEM VALUE" : "";
                var limit = sampleRows is { } n ? $" LIMIT {n}" : "";
                copied += await SqlCommands.ExecuteAsync(connection, transaction,
                    $"INSERT INTO {Identifiers.Quote(shape.Name)} ({columns}){overriding} SELECT {columns} FROM {tenantSchema}.{Identifiers.Quote(shape.Name)}{limit}", cancellationToken);
            }
            foreach (var statement in structure.AfterLoad.Except(structure.Privileges)) await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken);
            steps.Add(new RehearsalStep($"copy {structure.Tables.Count} tables ({copied} rows)", watch.Elapsed, true, null));
            var start = await StateAsync(connection, transaction, scratchName, cancellationToken);

            var forward = await RunAllAsync(connection, transaction, plan.Migrations, reverse: false, steps, cancellationToken);
            if (forward is null && plan.Direction == Direction.Up)
            {
                forward = await RehearsedDataRules.RunAsync(connection, transaction, scratchName, structure.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
                    dataRules, steps, cancellationToken);
                // Documents are migrated in the engine's memory; the preview's customization check did exactly that,
                // against the target version's columns, and its time is this step's.
                if (customizations.Available && customizations.Changed.Count + customizations.Quarantined.Count + customizations.Unchanged > 0)
                    steps.Add(new RehearsalStep(
                        $"customizations ({customizations.Changed.Count} changed, {customizations.Unchanged} unchanged, {customizations.Quarantined.Count} quarantined)",
                        customizationTime, true, null));
                forward ??= await ValidateAsync(connection, transaction, plan, steps, cancellationToken);
            }
            if (forward is not null)
                return new RehearsalReport(false, false, copied, sampleRows, steps, [], forward);

            if (plan.Direction == Direction.Up) await RehearsedDataRules.UndoAsync(connection, transaction, scratchName, dataRules, cancellationToken);
            var back = await RunAllAsync(connection, transaction, plan.Migrations.Reverse().ToList(), reverse: true, steps, cancellationToken);
            if (back is not null)
                return new RehearsalReport(true, false, copied, sampleRows, steps, [back], null);
            var end = await StateAsync(connection, transaction, scratchName, cancellationToken);
            var differences = start.Schema.Diff(end.Schema).Concat(
                start.Tables.Except(end.Tables).Select(t => $"rows of {t.Table} differ after the round trip ({t.Rows} rows before, {end.Tables.FirstOrDefault(e => e.Table == t.Table)?.Rows ?? 0} after)")).ToList();
            return new RehearsalReport(true, differences.Count == 0, copied, sampleRows, steps, differences, null);
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
                await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs migrations one by one, timing each; returns the first failure, or null.</summary>
    private static async Task<string?> RunAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PlannedMigration> migrations,
        bool reverse, List<RehearsalStep> steps, CancellationToken cancellationToken)
    {
        foreach (var planned in migrations)
        {
            var direction = planned.Direction == Direction.Up ^ reverse ? Direction.Up : Direction.Down;
            var sql = direction == Direction.Up ? planned.Migration.UpSql : planned.Migration.DownSql;
            var name = $"{(direction == Direction.Up ? "up" : "down")} {planned.Migration.DisplayName}";
            if (string.IsNullOrWhiteSpace(sql))
            {
                steps.Add(new RehearsalStep(name, TimeSpan.Zero, false, "no down SQL"));
                return $"{planned.Migration.DisplayName} has no down SQL: the round trip cannot be rehearsed.";
            }
            var watch = Stopwatch.StartNew();
            try
            {
                await SqlCommands.ExecuteAsync(connection, transaction, planned.Migration.Transactional ? sql : Concurrently().Replace(sql, ""), cancellationToken);
                steps.Add(new RehearsalStep(name, watch.Elapsed, true, null));
            }
            catch (PostgresException e)
            {
                steps.Add(new RehearsalStep(name, watch.Elapsed, false, e.MessageText));
                return $"{name} failed on the copy: {e.MessageText} (SQLSTATE {e.SqlState}).";
            }
        }
        return null;
    }

    private static async Task<string?> ValidateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MigrationPlan plan,
        List<RehearsalStep> steps, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var (migration, query) in plan.Migrations.SelectMany(p => p.Migration.ValidationQueries.Select(q => (p.Migration, q))))
        {
            // A failing query leaves the transaction aborted; the rehearsal stops there and rolls everything back.
            var failure = await ValidationQueries.EvaluateAsync(connection, transaction, query, cancellationToken);
            if (failure is not null)
            {
                steps.Add(new RehearsalStep("validation queries", watch.Elapsed, false, failure));
                return $"Validation query of {migration.DisplayName} failed on the copy: {failure}";
            }
        }
        steps.Add(new RehearsalStep("validation queries", watch.Elapsed, true, null));
        return null;
    }

    private static async Task<(SchemaFingerprint Schema, IReadOnlyList<TableContent> Tables)> StateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken) =>
        (await SchemaFingerprint.ReadAsync(connection, transaction, schema, null, cancellationToken),
         await TableContents.ReadAsync(connection, transaction, schema, null, cancellationToken));
}
