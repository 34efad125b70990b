using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>Runs one SQL text on a connection, in the caller's transaction: the one helper the SQL-heavy features share.</summary>
internal static class SqlCommands
{
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
