using AiBos.Migrations.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiBos.MigrationConsole.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with the clustered ADO job store in the catalog database (schema <c>aibos_scheduling</c>), the
    /// scheduled-upgrade and backup-retention jobs, and <see cref="UpgradeScheduler"/> for the API and the dashboard.
    /// Register after the engine: the store is created after the catalog is migrated.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.BackupRetentionCron, out _),
                $"{SchedulingOptions.Section}:BackupRetentionCron is not a valid Quartz cron expression (e.g. \"0 0 3 * * ?\" for daily at 03:00 UTC).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleHistory>()
            .AddSingleton<ScheduleOutcomeRecorder>()
            .AddSingleton<ScheduleRequestValidator>()
            .AddSingleton<UpgradeScheduler>()
            .AddHostedService<SchedulingStore>();

        // Quartz reads these when the scheduler is built, after every configuration source (tests included) is in.
        SchedulingOptions Settings() => configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = Settings().SchedulerName;
                scheduler.IdleWaitTime = Settings().IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = Settings().MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                // The catalog's own pooled data source: one connection string, one pool.
                store.UsePostgres(source => source.DataSourceFactory = sp => sp.GetRequiredService<CatalogDatabase>().DataSource);
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = $"{ScheduleHistory.Schema}.qrtz_";
                    options.MisfireThreshold = Settings().MisfireThreshold;
                });
                // Creates the qrtz_* tables on a fresh catalog (SchedulingStore has made the schema and seeded QRTZ_LOCKS).
                store.ProvisionSchema();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = Settings().CheckinInterval;
                    cluster.CheckinMisfireThreshold = Settings().CheckinMisfireThreshold;
                });
                store.UseSystemTextJsonSerializer();
            });

            quartz.AddJobType<ScheduledUpgradeJob>();
            quartz.AddJob<BackupRetentionJob>(job => job.WithIdentity(BackupRetentionJob.Key).StoreDurably()
                .WithDescription("Deletes expired backups (cleanupExpiredBackups)"));
            quartz.AddTrigger((sp, trigger) => trigger.ForJob(BackupRetentionJob.Key).WithIdentity("backup-retention", "maintenance")
                // Misfire policy: fire once now, then keep the schedule. Cleanup is idempotent and cheap, so a node
                // that was down at 03:00 cleans up when the cluster is back instead of a day later, and many
                // missed days collapse into one run.
                .WithSchedule(CronScheduleBuilder.Create(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.BackupRetentionCron)
                    .InTimeZone(TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        // Wait for running jobs on shutdown: an upgrade cut off mid-way is recovered, but finishing it is better.
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
