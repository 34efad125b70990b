using AiBos.Migrations;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

[assembly: AssemblyFixture(typeof(AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure.DashboardInBrowser))]

namespace AiBos.MigrationConsole.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The console on Kestrel over a fresh database with the sample modules registered, and Chromium. Each test works on
/// tenants of its own and opens its own browser context; the tests run one at a time (xunit.runner.json), as they
/// share the machine's cores with Chromium.
/// </summary>
public sealed class DashboardInBrowser : IAsyncLifetime
{
    private readonly PostgresServer server = new();
    private KestrelConsole? console;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public KestrelConsole Console => console ?? throw new InvalidOperationException("Not started.");
    public ModuleMigrationService Engine => Console.Services.GetRequiredService<ModuleMigrationService>();

    public async ValueTask InitializeAsync()
    {
        // The browser first: without it there is nothing to test, and the message says how to install it.
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
        await server.InitializeAsync();
        console = await KestrelConsole.StartAsync(await server.CreateDatabaseAsync());
        await Engine.RegisterModuleFolderAsync(TestPaths.Samples("accounting"), replace: false, CancellationToken.None);
        await Engine.RegisterModuleFolderAsync(TestPaths.Scenario("FailingValidation", "billing"), replace: false, CancellationToken.None);
    }

    /// <summary>A new browser page, with its console errors and uncaught exceptions collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> OpenPageAsync(List<string> errors)
    {
        var context = await browser!.NewContextAsync(new() { BaseURL = Console.Address.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{message.Text} ({message.Location})"); };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit is interactive (a prerendered button clicked earlier does nothing).</summary>
    public static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task AddTenantAsync(string key) => await Engine.RegisterTenantAsync(key, $"Tenant {key}", "main", CancellationToken.None);

    public async Task InstallAsync(string tenant, string module, string version) =>
        Assert.IsType<Completed>(await Engine.InstallModuleAsync(tenant, module, version, null, CancellationToken.None));

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Console.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Console.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (console is not null) await console.DisposeAsync();
        await server.DisposeAsync();
    }
}
