using Microsoft.Extensions.DependencyInjection;

namespace AiBos.Migrations.Rollouts;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>Rollouts: one module upgrade across many tenants, in waves (needs the execution services).</summary>
    public static IServiceCollection AddRollouts(this IServiceCollection services) => services
        .AddSingleton<RolloutEventBus>()
        .AddSingleton<RolloutEventListener>()
        .AddSingleton<RolloutRecorder>()
        .AddSingleton<RolloutQueries>()
        .AddSingleton<RolloutValidator>()
        .AddSingleton<RolloutPlanner>()
        .AddSingleton<RolloutHeartbeat>()
        .AddSingleton<RolloutTenantUpgrade>()
        .AddSingleton<RolloutRunner>()
        .AddSingleton<RolloutInterruptions>()
        .AddSingleton<RolloutService>();
}
