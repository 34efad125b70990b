using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>A tenant's module schema structure and the content of every table, to prove "exactly as before".</summary>
public sealed record TenantSnapshot(SchemaFingerprint Schema, IReadOnlyList<TableContent> Tables)
{
    public static async Task<TenantSnapshot> TakeAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new TenantSnapshot(
            await SchemaFingerprint.ReadAsync(connection, schema, CancellationToken.None),
            await TableContents.ReadAsync(connection, schema, CancellationToken.None));
    }

    /// <summary>Fails with the named differences when the two snapshots are not identical.</summary>
    public void ShouldEqual(TenantSnapshot actual)
    {
        var differences = Schema.Diff(actual.Schema).ToList();
        differences.AddRange(Tables.Select(t => t.ToString()).Except(actual.Tables.Select(t => t.ToString())).Select(t => $"before: {t}"));
        differences.AddRange(actual.Tables.Select(t => t.ToString()).Except(Tables.Select(t => t.ToString())).Select(t => $"after:  {t}"));
        Assert.True(differences.Count == 0, "The tenant differs from the snapshot:\n" + string.Join("\n", differences));
    }
}
