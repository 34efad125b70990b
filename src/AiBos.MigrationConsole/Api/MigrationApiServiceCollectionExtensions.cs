using AiBos.MigrationConsole.Api.Modules;
using AiBos.MigrationConsole.Api.Rollouts;
using AiBos.MigrationConsole.Api.Runs;
using AiBos.MigrationConsole.Api.Tenants;

namespace AiBos.MigrationConsole.Api;

public static class MigrationApiServiceCollectionExtensions
{
    /// <summary>The REST API's services: its JSON settings, the catalog views and the background runs and rollouts it starts.</summary>
    public static IServiceCollection AddMigrationApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSingleton<BackgroundRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRuns>());
        services.AddSingleton<BackgroundRollouts>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRollouts>());
        return services
            .AddSingleton<RunLauncher>()
            .AddSingleton<RolloutLauncher>()
            .AddSingleton<ApiProblemFilter>()
            .AddSingleton<TenantOverview>()
            .AddSingleton<ModuleCatalog>();
    }
}
