namespace AiBos.MigrationConsole.Live;

public static class LiveRunsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveRuns(this IServiceCollection services) => services
        .AddSingleton<LiveRuns>()
        .AddHostedService<RunEventRelay>();
}
