using AiBos.Migrations.Alerts;
using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Customizations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Statistics;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiBos.Migrations;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the engine. The catalog connection comes from <c>ConnectionStrings:Catalog</c>.</summary>
    public static IServiceCollection AddAiBosMigrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(CatalogOptions.ConnectionStringName) ?? "")
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection(ExecutionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MigrationStatistics>();
        services.AddSingleton<AlertService>();
        return services.AddCatalog().AddTenancy().AddRegistry().AddDataTransforms().AddExecution().AddBackups().AddValidation().AddCustomizations()
            .AddRollouts();
    }

    private static IServiceCollection AddCatalog(this IServiceCollection services) => services
        .AddSingleton<CatalogDatabase>()
        .AddSingleton<CatalogMigrator>()
        .AddSingleton<AuditLog>();

    private static IServiceCollection AddTenancy(this IServiceCollection services) => services
        .AddSingleton<ShardConnections>()
        .AddSingleton<TenantService>();

    private static IServiceCollection AddRegistry(this IServiceCollection services) => services
        .AddSingleton<MigrationRegistry>();

    private static IServiceCollection AddDataTransforms(this IServiceCollection services) => services
        .AddSingleton<DataRuleStore>()
        .AddSingleton<IModuleRuleSet>(sp => sp.GetRequiredService<DataRuleStore>())
        .AddSingleton<IRunStep, DataStep>();

    private static IServiceCollection AddValidation(this IServiceCollection services) => services
        .AddSingleton<TimeEstimator>()
        .AddSingleton<MigrationValidator>()
        .AddSingleton<ResultValidator>();

    private static IServiceCollection AddBackups(this IServiceCollection services) => services
        .AddSingleton<BackupService>()
        .AddSingleton<BackupRetention>()
        .AddSingleton<RollbackPoints>()
        .AddSingleton<IRunStep, BackupStep>();

    private static IServiceCollection AddExecution(this IServiceCollection services) => services
        .AddSingleton<RunEventBus>()
        .AddSingleton<RunEventListener>()
        .AddSingleton<RunRecorder>()
        .AddSingleton<ActiveRuns>()
        .AddSingleton<CatalogMirror>()
        .AddSingleton<RunContextFactory>()
        .AddSingleton<RunRollback>()
        .AddSingleton<RunHeartbeat>()
        .AddSingleton<RunRecovery>()
        .AddSingleton<MigrationRunner>()
        .AddSingleton<RollbackService>()
        .AddSingleton<RunQueries>()
        .AddSingleton<IRunStep, SchemaStep>()
        .AddSingleton<IRunStep, ValidationStep>()
        .AddSingleton<ModuleMigrationService>();
}
