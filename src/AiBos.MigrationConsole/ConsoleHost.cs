using AiBos.Migrations;
using AiBos.Migrations.Catalog;
using AiBos.MigrationConsole.Alerts;
using AiBos.MigrationConsole.Api;
using AiBos.MigrationConsole.Components;
using AiBos.MigrationConsole.Hubs;
using AiBos.MigrationConsole.Live;
using AiBos.MigrationConsole.Scheduling;
using MudBlazor.Services;
using Serilog;

namespace AiBos.MigrationConsole;

/// <summary>
/// How the console is put together: the engine, the dashboard, the REST API and the SignalR hub in one host.
/// Program.cs and the tests' host factory both go through here, so they run the same application.
/// </summary>
public static class ConsoleHost
{
    public static WebApplicationBuilder AddMigrationConsole(this WebApplicationBuilder builder)
    {
        // Outside Development, MudBlazor's _content/* files are only found with static web assets switched on.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration).WriteTo.Console());

        builder.Services.AddAiBosMigrations(builder.Configuration);
        builder.Services.AddHostedService<CatalogStartup>();
        builder.Services.AddLiveRuns();
        builder.Services.AddHostedService<AlertDelivery>();
        builder.Services.AddScheduling(builder.Configuration);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddDashboard();
        builder.Services.AddSignalR();
        builder.Services.AddProblemDetails();
        builder.Services.AddMigrationApi();
        return builder;
    }

    public static WebApplication UseMigrationConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseSerilogRequestLogging();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapMigrationApi();
        app.MapHub<RunsHub>(RunsHub.Path);
        return app;
    }
}

/// <summary>Brings the catalog schema up to date before the console serves anything.</summary>
internal sealed class CatalogStartup(CatalogMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
