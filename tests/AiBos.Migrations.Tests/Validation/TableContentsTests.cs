using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Tests.Validation;

/// <summary>
/// The content checksum (an order-independent sum of 64-bit row hashes) tells apart any two different multisets of
/// rows that differ by one edit, and ignores only the physical order.
/// </summary>
public sealed class TableContentsTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Create = """
        CREATE SCHEMA contents;
        CREATE TABLE contents.items (id integer, name text, amount numeric(10,2), tags text[], data jsonb);
        INSERT INTO contents.items
        SELECT n, 'item ' || n, n * 1.5, ARRAY['t' || n % 3], jsonb_build_object('n', n) FROM generate_series(1, 50) n;
        """;

    [Theory]
    [InlineData("a single changed value", "UPDATE contents.items SET amount = amount + 0.01 WHERE id = 7")]
    [InlineData("a value swapped between two rows", "UPDATE contents.items SET name = CASE id WHEN 3 THEN 'item 4' ELSE 'item 3' END WHERE id IN (3, 4)")]
    [InlineData("a deleted row", "DELETE FROM contents.items WHERE id = 50")]
    [InlineData("an added duplicate row", "INSERT INTO contents.items SELECT * FROM contents.items WHERE id = 1")]
    [InlineData("a NULL instead of a value", "UPDATE contents.items SET data = NULL WHERE id = 9")]
    [InlineData("the same number with another scale", "ALTER TABLE contents.items ALTER COLUMN amount TYPE numeric(10,3)")]
    public async Task the_checksum_changes_with(string change, string sql)
    {
        await using var connection = await OpenWithItemsAsync();
        var before = await TableContents.ReadTableAsync(connection, null, "contents.items", "items", None);

        await Execute(connection, sql);
        var after = await TableContents.ReadTableAsync(connection, null, "contents.items", "items", None);

        Assert.True(before.Checksum != after.Checksum, $"{change}: the checksum stayed {before.Checksum}");
        Assert.Matches("^[0-9]+$", after.Checksum);
    }

    [Fact]
    public async Task the_checksum_ignores_physical_order_and_matches_a_copy()
    {
        await using var connection = await OpenWithItemsAsync();
        await Execute(connection, """
            CREATE TABLE contents.copy AS SELECT * FROM contents.items ORDER BY id DESC;
            UPDATE contents.items SET name = name WHERE id % 2 = 0;
            """);

        var original = await TableContents.ReadTableAsync(connection, null, "contents.items", "items", None);
        var copy = await TableContents.ReadTableAsync(connection, null, "contents.copy", "items", None);

        Assert.Equal(original, copy);
        Assert.Equal(50, copy.Rows);
    }

    [Fact]
    public async Task a_manifest_without_a_checksum_format_is_checked_in_the_earlier_md5_format()
    {
        await using var connection = await OpenWithItemsAsync();
        const string md5Sum = "SELECT coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text FROM contents.items t";
        string legacy;
        await using (var command = new NpgsqlCommand(md5Sum, connection)) legacy = (string)(await command.ExecuteScalarAsync(None))!;

        var again = await TableContents.ReadTableAsync(connection, null, "contents.items", "items", format: null, None);

        Assert.Equal(legacy, again.Checksum);
    }

    private async Task<NpgsqlConnection> OpenWithItemsAsync()
    {
        var connection = new NpgsqlConnection(await server.CreateDatabaseAsync());
        await connection.OpenAsync(None);
        await Execute(connection, Create);
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(None);
    }
}
