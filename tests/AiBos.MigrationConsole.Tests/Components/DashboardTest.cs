using AiBos.MigrationConsole.Components.Shared;
using AiBos.MigrationConsole.Tests.Infrastructure;
using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Npgsql;

namespace AiBos.MigrationConsole.Tests.Components;

/// <summary>
/// Renders dashboard components with bunit over the real console: its engine, catalog queries, live run relay and run
/// launcher come from a <see cref="ConsoleApp"/> on a fresh database; MudBlazor's services and providers are bunit's own.
/// </summary>
public abstract class DashboardTest(PostgresServer server) : BunitContext, IAsyncLifetime
{
    private ConsoleApp? app;
    private AsyncServiceScope appScope;

    protected ConsoleApp App => app ?? throw new InvalidOperationException("The console starts in InitializeAsync.");
    protected ModuleMigrationService Engine => App.Engine;
    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The dialogs the rendered page opens appear here.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>The snackbars the rendered page shows appear here.</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        app = await ConsoleApp.StartAsync(server);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<DashboardUser>();
        AddAuthorization(); // an anonymous user, as the console has without authentication
        // A scope of the console's container, as a circuit has: its singletons (engine, live runs, launcher) are the console's own.
        appScope = app.Services.CreateAsyncScope();
        Services.AddFallbackServiceProvider(appScope.ServiceProvider);
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (app is null) return;
        await appScope.DisposeAsync();
        await app.DisposeAsync();
    }

    /// <summary>Opens <paramref name="relativeUri"/> first, so that the page reads its query parameters from it.</summary>
    protected IRenderedComponent<T> RenderAt<T>(string relativeUri) where T : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);
        return Render<T>();
    }

    protected Task AddTenantAsync(string key) => Engine.RegisterTenantAsync(key, $"Tenant {key}", "main", Cancellation);

    protected Task RegisterSampleAsync(string module) =>
        Engine.RegisterModuleFolderAsync(TestPaths.Samples(module), replace: false, Cancellation);

    protected async Task InstallAsync(string tenant, string module, string version)
    {
        var outcome = await Engine.InstallModuleAsync(tenant, module, version, null, Cancellation);
        Assert.IsType<Completed>(outcome);
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    protected async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancellation), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected Task LoadDemoDataAsync(string tenant, string module) =>
        ExecuteAsync($"SET search_path TO tenant_{tenant}; {File.ReadAllText(TestPaths.DemoData(module))}; RESET search_path;");

    /// <summary>Fails with the messages shown when the page or a dialog shows an error.</summary>
    protected void AssertNoErrorShown(Bunit.IRenderedComponent<IComponent> page)
    {
        var shown = page.FindAll("[data-testid=error-alert]").Concat(Dialogs.FindAll("[data-testid=error-alert]")).Select(e => e.TextContent.Trim()).ToList();
        Assert.True(shown.Count == 0, "errors shown: " + string.Join(" | ", shown));
    }

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
}
