using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>Rows and bytes of one table.</summary>
public sealed record TableVolume(string Table, long Rows, long Bytes);

/// <summary>
/// How much data a module holds in a tenant schema. Rows are exact for small tables and the planner's estimate
/// (pg_class.reltuples) for large ones, so that a preview never scans a big table just to count it. Reading sizes
/// and counts takes a table lock: it never queues behind the tenant's traffic, and falls back to the catalog's
/// estimates after a short wait.
/// </summary>
public static class DataVolume
{
    private const long ExactCountBelow = 200_000;

    public static async Task<IReadOnlyList<TableVolume>> ReadAsync(NpgsqlConnection connection, string schema, string module, CancellationToken cancellationToken)
    {
        var relations = await ModuleObjects.OfModuleAsync(connection, null, schema, module, cancellationToken);
        var estimates = new List<TableVolume>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.relname, c.reltuples::bigint, c.relpages::bigint * current_setting('block_size')::bigint FROM pg_class c
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relname = ANY(@rels) AND c.relkind IN ('r', 'p') ORDER BY c.relname
            """, connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("rels", relations.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                estimates.Add(new TableVolume(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        var volumes = new List<TableVolume>();
        foreach (var estimate in estimates)
            volumes.Add(await MeasureAsync(connection, schema, estimate, cancellationToken));
        return volumes;
    }

    private static async Task<TableVolume> MeasureAsync(NpgsqlConnection connection, string schema, TableVolume estimate, CancellationToken cancellationToken)
    {
        var table = $"{Identifiers.Quote(schema)}.{Identifiers.Quote(estimate.Table)}";
        var rows = estimate.Rows is >= 0 and >= ExactCountBelow ? estimate.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"(SELECT count(*) FROM {table})";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SET LOCAL lock_timeout = 200; SELECT {rows}::bigint, pg_total_relation_size('{table}'::regclass)", connection, transaction);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return estimate with { Rows = reader.GetInt64(0), Bytes = reader.GetInt64(1) };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return estimate with { Rows = Math.Max(estimate.Rows, 0) };
        }
    }
}
