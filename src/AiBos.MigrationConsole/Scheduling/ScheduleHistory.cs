using AiBos.Migrations.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// What happened to each fired or cancelled schedule, in <c>aibos_scheduling.upgrade_outcomes</c> of the catalog
/// database. Quartz deletes a one-shot job with its data once it has run, and the engine's catalog is the engine's
/// (changing it means an engine migration), so the scheduler keeps its own small table beside the Quartz tables.
/// One row per schedule: the primary key makes "fire", "miss" and "cancel" race-free claims, so a schedule fired
/// twice (a recovered node, a cancel at the last second) starts at most one run.
/// </summary>
public sealed class ScheduleHistory(CatalogDatabase catalog)
{
    internal const string Schema = "aibos_scheduling";

    private const string Columns =
        "schedule_id, tenant, module, from_version, to_version, run_at, window_end, scheduled_by, scheduled_at, options, status, run_id, message, fired_at, finished_at, node";

    /// <summary>
    /// Creates the schema and the outcome table if missing (several nodes may start at once), and seeds the Quartz
    /// lock rows of <paramref name="schedulerName"/>.
    /// </summary>
    internal async Task EnsureAsync(string schedulerName, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // CREATE ... IF NOT EXISTS still races on the catalog's unique indexes; one node at a time creates.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('aibos_scheduling.ensure'))", cancellationToken);
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.upgrade_outcomes (
                schedule_id  uuid PRIMARY KEY,
                tenant       text NOT NULL,
                module       text NOT NULL,
                from_version text NOT NULL,
                to_version   text NOT NULL,
                run_at       timestamptz NOT NULL,
                window_end   timestamptz NULL,
                scheduled_by text NOT NULL,
                scheduled_at timestamptz NOT NULL,
                options      jsonb NOT NULL,
                status       text NOT NULL,
                run_id       uuid NULL,
                message      text NULL,
                fired_at     timestamptz NULL,
                finished_at  timestamptz NULL,
                node         text NULL);
            CREATE INDEX IF NOT EXISTS upgrade_outcomes_tenant_module ON {Schema}.upgrade_outcomes (tenant, module, fired_at DESC);
            """, cancellationToken);
        await SeedQuartzLocksAsync(connection, schedulerName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Quartz issue 1786: on a fresh store two threads may both find a QRTZ_LOCKS row missing and insert it, and on
    /// PostgreSQL the loser's transaction is aborted. The lock table is created here with Quartz's own DDL (its
    /// ProvisionSchema then finds it and creates the rest) and both rows are seeded, so the race cannot happen.
    /// </summary>
    private static async Task SeedQuartzLocksAsync(NpgsqlConnection connection, string schedulerName, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {Schema}.qrtz_locks (sched_name text not null, lock_name text not null, primary key (sched_name, lock_name))",
            cancellationToken);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Schema}.qrtz_locks (sched_name, lock_name) VALUES (@name, 'TRIGGER_ACCESS'), (@name, 'STATE_ACCESS') ON CONFLICT DO NOTHING",
            connection);
        command.Parameters.AddWithValue("name", schedulerName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the first thing that happens to a schedule (it starts running, it is missed, it is cancelled).
    /// False when something already happened to it: the caller must then do nothing.
    /// </summary>
    internal async Task<bool> TryClaimAsync(ScheduledUpgrade upgrade, string status, string? message, DateTimeOffset? firedAt, string? node,
        CancellationToken cancellationToken)
    {
        await using var command = catalog.DataSource.CreateCommand($"""
            INSERT INTO {Schema}.upgrade_outcomes ({Columns})
            VALUES (@id, @tenant, @module, @from, @to, @run_at, @window_end, @by, @at, @options, @status, NULL, @message, @fired_at,
                    CASE WHEN @status = '{ScheduleStatus.Running}' THEN NULL ELSE now() END, @node)
            ON CONFLICT (schedule_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", upgrade.Id);
        command.Parameters.AddWithValue("tenant", upgrade.Tenant);
        command.Parameters.AddWithValue("module", upgrade.Module);
        command.Parameters.AddWithValue("from", upgrade.FromVersion);
        command.Parameters.AddWithValue("to", upgrade.ToVersion);
        command.Parameters.AddWithValue("run_at", upgrade.RunAt);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("window_end", upgrade.WindowEnd));
        command.Parameters.AddWithValue("by", upgrade.ScheduledBy);
        command.Parameters.AddWithValue("at", upgrade.ScheduledAt);
        command.Parameters.AddWithValue("options", NpgsqlDbType.Jsonb, ScheduledUpgrade.OptionsToJson(upgrade.Options));
        command.Parameters.AddWithValue("status", status);
        command.Parameters.Add(new NpgsqlParameter<string?>("message", message));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("fired_at", firedAt));
        command.Parameters.Add(new NpgsqlParameter<string?>("node", node));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records how a fired schedule ended, and the run it started.</summary>
    internal async Task FinishAsync(Guid scheduleId, string status, Guid? runId, string message, CancellationToken cancellationToken)
    {
        await using var command = catalog.DataSource.CreateCommand($"""
            UPDATE {Schema}.upgrade_outcomes
            SET status = @status, run_id = coalesce(@run_id, run_id), message = @message, finished_at = now()
            WHERE schedule_id = @id
            """);
        command.Parameters.AddWithValue("id", scheduleId);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("run_id", runId));
        command.Parameters.AddWithValue("message", message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<UpgradeSchedule?> GetAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        await using var command = catalog.DataSource.CreateCommand($"SELECT {Columns} FROM {Schema}.upgrade_outcomes WHERE schedule_id = @id");
        command.Parameters.AddWithValue("id", scheduleId);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>Fired and cancelled schedules, the latest first.</summary>
    public async Task<IReadOnlyList<UpgradeSchedule>> ListAsync(string? tenant, string? module, int limit, CancellationToken cancellationToken)
    {
        await using var command = catalog.DataSource.CreateCommand($"""
            SELECT {Columns} FROM {Schema}.upgrade_outcomes
            WHERE (@tenant IS NULL OR tenant = @tenant) AND (@module IS NULL OR module = @module)
            ORDER BY coalesce(fired_at, finished_at) DESC, schedule_id DESC
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<string?>("tenant", tenant));
        command.Parameters.Add(new NpgsqlParameter<string?>("module", module));
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 1000));
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<UpgradeSchedule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<UpgradeSchedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var upgrade = new ScheduledUpgrade(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), ScheduledUpgrade.OptionsFromJson(reader.GetString(9)));
            result.Add(new UpgradeSchedule(upgrade, reader.GetString(10),
                RunId: reader.IsDBNull(11) ? null : reader.GetGuid(11),
                Message: reader.IsDBNull(12) ? null : reader.GetString(12),
                FiredAt: reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                FinishedAt: reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                Node: reader.IsDBNull(15) ? null : reader.GetString(15)));
        }
        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
