using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiBos.Migrations.Catalog;

/// <summary>
/// Brings the catalog schema up to date with the EF Core migrations. Idempotent, and safe when several
/// processes start at once: they queue on one advisory lock and the later ones find nothing to do.
/// </summary>
public sealed class CatalogMigrator(CatalogDatabase catalog, ILogger<CatalogMigrator> logger)
{
    // Fixed key of the catalog-migration advisory lock ("aibos" + "catalog" in ASCII, truncated to 64 bits).
    private const long LockKey = 0x616962_6F7363_61;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await catalog.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await using var db = catalog.CreateContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0) return;
            logger.CatalogMigrating(pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
