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
        services.AddSingleton<BackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        return services
            .AddSingleton<RunLauncher>()
            .AddSingleton<RolloutLauncher>()
            .AddSingleton<ApiProblemFilter>()
            .AddSingleton<TenantOverview>()
            .AddSingleton<ModuleCatalog>();
    }
}
