using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiBos.Migrations.Customizations;

public static class CustomizationServiceCollectionExtensions
{
    /// <summary>Registers a module's C# customization adapter, so that customization rules can name it.</summary>
    public static IServiceCollection AddCustomizationAdapter<TAdapter>(this IServiceCollection services)
        where TAdapter : class, ICustomizationAdapter
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomizationAdapter, TAdapter>());
        return services;
    }

    internal static IServiceCollection AddCustomizations(this IServiceCollection services) => services
        .AddSingleton<CustomizationAdapters>()
        .AddSingleton<CustomizationRules>()
        .AddSingleton<CustomizationService>()
        .AddSingleton<CustomizationImpactAnalyzer>()
        .AddSingleton<IModuleRuleSet, CustomizationRuleSet>()
        .AddSingleton<IRunStep, CustomizationStep>();
}
