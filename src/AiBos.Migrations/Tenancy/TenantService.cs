using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>Shards and tenants: where each tenant's schema lives, and creating it.</summary>
public sealed class TenantService(CatalogDatabase catalog, ShardConnections shards, AuditLog audit, ILogger<TenantService> logger)
{
    /// <summary>Adds or updates a shard (a named PostgreSQL connection string). Its connection is checked first.</summary>
    public async Task AddShardAsync(string name, string connectionString, CancellationToken cancellationToken)
    {
        Identifiers.ValidateShardName(name);
        try
        {
            // The probe must not leave an idle connection in the shared pool.
            var probeString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
            await using var probe = new NpgsqlConnection(probeString);
            await probe.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or NpgsqlException or FormatException)
        {
            throw new InvalidInputException($"Shard '{name}' cannot be reached with the given connection string: {e.Message}");
        }

        await using var db = catalog.CreateContext();
        var row = await db.Shards.SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (row is null)
            db.Shards.Add(new ShardRow { Name = name, ConnectionString = connectionString, CreatedAt = DateTimeOffset.UtcNow });
        else
            row.ConnectionString = connectionString;
        await db.SaveChangesAsync(cancellationToken);
        shards.Invalidate(name);
        await audit.WriteAsync("shard.saved", new { shard = name }, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListShardsAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        return await db.Shards.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Registers a tenant and creates its schema (<c>tenant_&lt;key&gt;</c> unless given) with the engine's bookkeeping tables.</summary>
    public async Task<Tenant> RegisterTenantAsync(string key, string displayName, string shard, string? schema, CancellationToken cancellationToken)
    {
        Identifiers.ValidateTenantKey(key);
        var schemaName = Identifiers.ValidateSchemaName(schema ?? $"tenant_{key}");
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
            throw new InvalidInputException("The tenant's display name must be 1 to 200 characters.");

        await using var db = catalog.CreateContext();
        if (!await db.Shards.AnyAsync(s => s.Name == shard, cancellationToken))
            throw new InvalidInputException($"Shard '{shard}' is not configured: add it before registering tenants on it.");
        if (await db.Tenants.AnyAsync(t => t.Key == key, cancellationToken))
            throw new InvalidInputException($"Tenant '{key}' is already registered.");
        if (await db.Tenants.AnyAsync(t => t.Shard == shard && t.SchemaName == schemaName, cancellationToken))
            throw new InvalidInputException($"Schema '{schemaName}' on shard '{shard}' already belongs to another tenant.");

        await using (var connection = await shards.OpenAsync(shard, cancellationToken))
        {
            await TenantBookkeeping.EnsureAsync(connection, schemaName, cancellationToken);
        }

        var row = new TenantRow { Key = key, DisplayName = displayName.Trim(), Shard = shard, SchemaName = schemaName, CreatedAt = DateTimeOffset.UtcNow };
        db.Tenants.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync("tenant.registered", new { shard, schema = schemaName }, tenant: key, cancellationToken: cancellationToken);
        logger.TenantRegistered(key, shard, schemaName);
        return ToTenant(row);
    }

    public async Task<Tenant> GetTenantAsync(string key, CancellationToken cancellationToken)
    {
        Identifiers.ValidateTenantKey(key);
        await using var db = catalog.CreateContext();
        var row = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken)
            ?? throw new NotFoundException($"Tenant '{key}' is not registered: check the key, or register the tenant first.");
        return ToTenant(row);
    }

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var rows = await db.Tenants.AsNoTracking().OrderBy(t => t.Key).ToListAsync(cancellationToken);
        return rows.Select(ToTenant).ToList();
    }

    private static Tenant ToTenant(TenantRow row) => new(row.Key, row.DisplayName, row.Shard, row.SchemaName, row.CreatedAt);
}
