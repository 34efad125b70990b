using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Catalog;

/// <summary>The catalog database: one pooled data source, and EF Core contexts over it.</summary>
public sealed class CatalogDatabase : IAsyncDisposable
{
    private readonly DbContextOptions<CatalogDbContext> _contextOptions;

    public CatalogDatabase(IOptions<CatalogOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        builder.ApplicationName ??= "aibos-migrations";
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var contextBuilder = new DbContextOptionsBuilder<CatalogDbContext>();
        CatalogModel.Configure(contextBuilder, DataSource);
        _contextOptions = contextBuilder.Options;
    }

    public NpgsqlDataSource DataSource { get; }

    public CatalogDbContext CreateContext() => new(_contextOptions);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
