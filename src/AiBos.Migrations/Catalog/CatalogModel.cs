using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Catalog;

internal static class CatalogModel
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DbDataSource dataSource) =>
        builder.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, CatalogDbContext.Schema))
               .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, CatalogDbContext.Schema))
               .UseSnakeCaseNamingConvention();
}
