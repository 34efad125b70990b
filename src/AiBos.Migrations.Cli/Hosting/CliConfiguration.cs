using Microsoft.Extensions.Configuration;

namespace AiBos.Migrations.Cli.Hosting;

/// <summary>
/// Configuration as in ASP.NET Core, so that nothing is edited in code: appsettings.json beside the tool, then
/// appsettings.json in the current directory, then environment variables (<c>ConnectionStrings__Catalog</c>), then the
/// host's settings, then <c>--connection</c>.
/// </summary>
public static class CliConfiguration
{
    public const string CatalogKey = "ConnectionStrings:Catalog";

    public static IConfiguration Build(CliEnvironment environment, string? connection)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var local = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        if (!string.Equals(Path.GetFullPath(local), Path.Combine(AppContext.BaseDirectory, "appsettings.json"), StringComparison.Ordinal))
            builder.AddJsonFile(local, optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables().AddInMemoryCollection(environment.Settings);
        if (!string.IsNullOrWhiteSpace(connection))
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [CatalogKey] = connection });
        return builder.Build();
    }
}
