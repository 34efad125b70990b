using System.Collections.Concurrent;
using AiBos.Migrations.Catalog;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiBos.Migrations.Tenancy;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per shard, built from the shard's connection string in the catalog.
/// Every session checks the client connection once a second, so the server ends the work of a killed process
/// (and frees its advisory lock) within a second instead of when the statement finishes.
/// </summary>
public sealed class ShardConnections(CatalogDatabase catalog) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<NpgsqlDataSource>>> _sources = new(StringComparer.Ordinal);

    public async Task<NpgsqlDataSource> GetAsync(string shard, CancellationToken cancellationToken)
    {
        var lazy = _sources.GetOrAdd(shard, name => new Lazy<Task<NpgsqlDataSource>>(() => CreateAsync(name, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (NotFoundException)
        {
            _sources.TryRemove(shard, out _);
            throw;
        }
    }

    public async Task<NpgsqlConnection> OpenAsync(string shard, CancellationToken cancellationToken) =>
        await (await GetAsync(shard, cancellationToken)).OpenConnectionAsync(cancellationToken);

    /// <summary>Forgets a shard's pool, e.g. after its connection string changed.</summary>
    public void Invalidate(string shard)
    {
        if (_sources.TryRemove(shard, out var old) && old.IsValueCreated)
            _ = old.Value.ContinueWith(t => t.Result.DisposeAsync().AsTask(), TaskScheduler.Default);
    }

    private async Task<NpgsqlDataSource> CreateAsync(string shard, CancellationToken cancellationToken)
    {
        await using var db = catalog.CreateContext();
        var row = await db.Shards.AsNoTracking().SingleOrDefaultAsync(s => s.Name == shard, cancellationToken)
            ?? throw new NotFoundException($"Shard '{shard}' is not configured: add it first.");
        var builder = new NpgsqlConnectionStringBuilder(row.ConnectionString)
        {
            ApplicationName = "aibos-migrations",
            Options = "-c client_connection_check_interval=1000",
        };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _sources.Values.Where(l => l.IsValueCreated))
        {
            if (lazy.Value.IsCompletedSuccessfully) await lazy.Value.Result.DisposeAsync();
        }
        _sources.Clear();
    }
}
