using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiBos.Migrations.Catalog;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a host; no database is contacted.</summary>
internal sealed class DesignTimeCatalogFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<CatalogDbContext>();
        CatalogModel.Configure(builder, "Host=localhost;Database=design_time");
        return new CatalogDbContext(builder.Options);
    }
}
