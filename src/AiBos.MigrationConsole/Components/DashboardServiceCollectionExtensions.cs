using AiBos.MigrationConsole.Components.Modules;
using AiBos.MigrationConsole.Components.Overview;
using AiBos.MigrationConsole.Components.Rollouts;
using AiBos.MigrationConsole.Components.Runs;
using AiBos.MigrationConsole.Components.Shared;
using AiBos.MigrationConsole.Components.Tenants;

namespace AiBos.MigrationConsole.Components;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's own services: read-only queries for its pages, and the launchers that run upgrades and rollouts in the background.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services
        .AddSingleton<RunLauncher>()
        .AddSingleton<RolloutLauncher>()
        .AddSingleton<OverviewQueries>()
        .AddSingleton<TenantDirectory>()
        .AddSingleton<ModuleDirectory>()
        .AddSingleton<DashboardErrors>()
        .AddScoped<DashboardUser>();
}
