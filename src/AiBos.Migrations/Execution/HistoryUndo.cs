using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Undoes the migrations a run applied or reverted, newest first, from the tenant's own history: an "up" is undone
/// by its down SQL, a "down" by its up SQL. Each undo writes an <c>is_undo</c> history row in the same transaction,
/// so an interrupted undo resumes where it stopped.
/// </summary>
internal static class HistoryUndo
{
    public static async Task<int> UndoRunAsync(RunContext context, Guid runId, CancellationToken cancellationToken)
    {
        var rows = await TenantHistory.ReadRunAsync(context.Session.Connection, context.Tenant.Schema, runId, cancellationToken);
        var pending = PendingUndo(rows);
        // All or nothing: when any file lacks down SQL, undo none, so that the caller can restore the backup instead.
        var missing = pending.Where(e => e.Direction == "up")
            .Where(e => context.Registry.FirstOrDefault(m => m.Module == e.Module && m.FileName == e.FileName) is not { HasDown: true })
            .Select(e => $"{e.Module}:{e.Version}/{e.FileName}").ToList();
        if (missing.Count > 0) throw new StepFailedException($"Cannot undo by down SQL: {string.Join(", ", missing)} has no down SQL.");
        var done = 0;
        foreach (var entry in pending)
        {
            var migration = context.Registry.FirstOrDefault(m => m.Module == entry.Module && m.FileName == entry.FileName)
                ?? throw new StepFailedException($"Cannot undo {entry.Module}:{entry.Version}/{entry.FileName}: it is no longer in the registry.");
            var undoDirection = entry.Direction == "up" ? Direction.Down : Direction.Up;
            if (undoDirection == Direction.Down && !migration.HasDown)
                throw new StepFailedException($"Cannot undo {migration.DisplayName}: it has no down SQL.");
            await ApplyAsync(context, new PlannedMigration(migration, undoDirection), isUndo: true, runId, cancellationToken);
            done++;
            await context.ReportProgressAsync(done, pending.Count, $"Undid {migration.FileName}", cancellationToken);
        }
        return done;
    }

    /// <summary>Runs one planned migration and appends its history row (same transaction when transactional).</summary>
    public static async Task ApplyAsync(RunContext context, PlannedMigration planned, bool isUndo, Guid historyRunId, CancellationToken cancellationToken)
    {
        var migration = planned.Migration;
        var direction = planned.Direction == Direction.Up ? "up" : "down";
        var schema = context.Tenant.Schema;
        try
        {
            if (migration.Transactional)
            {
                await context.Sql.InTransactionAsync(context.CurrentStep, async (connection, transaction, ct) =>
                {
                    var before = await ModuleObjects.ReadRelationsAsync(connection, transaction, schema, ct);
                    var ms = await TenantSql.ExecuteScriptAsync(connection, transaction, planned.Sql, ct);
                    await ModuleObjects.ClaimNewAsync(connection, transaction, schema, migration.Module, before, ct);
                    await TenantHistory.AppendAsync(connection, transaction, schema, migration, direction, isUndo, historyRunId, ms, ct);
                    return ms;
                }, cancellationToken);
                return;
            }
            // Statements that cannot run in a transaction are idempotent by contract (IF [NOT] EXISTS). Their history
            // row is written first, so that a failure or a crash half-way (an invalid index left by CONCURRENTLY) is
            // undone by the migration's down SQL like any applied file.
            await context.Sql.InTransactionAsync(context.CurrentStep, async (connection, transaction, ct) =>
            {
                await TenantHistory.AppendAsync(connection, transaction, schema, migration, direction, isUndo, historyRunId, 0, ct);
                return 0;
            }, cancellationToken);
            foreach (var statement in SqlStatements.Split(planned.Sql))
                await context.Sql.RunAloneAsync(context.CurrentStep, statement, cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (!cancellationToken.IsCancellationRequested)
        {
            var position = e.Position > 0 ? $" at character {e.Position}" : "";
            throw new StepFailedException($"{migration.DisplayName} ({direction}) failed{position}: {e.MessageText} (SQLSTATE {e.SqlState}).");
        }
    }

    /// <summary>The run's own rows that no undo row has matched yet, newest first.</summary>
    private static List<HistoryEntry> PendingUndo(List<HistoryEntry> rows)
    {
        var stack = new List<HistoryEntry>();
        foreach (var row in rows)
        {
            if (!row.IsUndo)
            {
                stack.Add(row);
                continue;
            }
            var match = stack.FindLastIndex(o => o.Module == row.Module && o.FileName == row.FileName && o.Direction != row.Direction);
            if (match >= 0) stack.RemoveAt(match);
        }
        stack.Reverse();
        return stack;
    }
}
