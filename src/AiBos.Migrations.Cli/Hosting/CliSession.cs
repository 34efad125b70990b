using System.CommandLine;
using AiBos.Migrations.Catalog;
using AiBos.Migrations.Cli.Commands;
using AiBos.Migrations.Cli.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Cli.Hosting;

/// <summary>
/// The engine for one command: configuration, logging and services, with the catalog migrated first (idempotent and
/// safe when several processes start at once).
/// </summary>
public sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliSession(ServiceProvider services, CliOutput output, string catalogConnectionString)
    {
        _services = services;
        Output = output;
        CatalogConnectionString = catalogConnectionString;
    }

    public CliOutput Output { get; }

    /// <summary>The catalog's connection string (never printed: it may hold a password).</summary>
    public string CatalogConnectionString { get; }

    public ModuleMigrationService Engine => Get<ModuleMigrationService>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<CliSession> StartAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build(cli.Environment, parseResult.GetValue(cli.Globals.Connection));
        var connectionString = configuration[CliConfiguration.CatalogKey];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidInputException("No catalog database is configured: set ConnectionStrings:Catalog in appsettings.json or the environment variable ConnectionStrings__Catalog, or pass --connection.");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"The catalog connection string is not valid ({e.Message}): fix ConnectionStrings:Catalog or --connection.");
        }

        var verbose = parseResult.GetValue(cli.Globals.Verbose);
        var services = new ServiceCollection()
            .AddLogging(logging => CliLogging.Configure(logging, cli.Environment.Error, verbose, configuration))
            .AddAiBosMigrations(configuration)
            .BuildServiceProvider(validateScopes: true);
        // What a generic host does at start: options registered with ValidateOnStart are checked now, not on first use.
        services.GetService<IStartupValidator>()?.Validate();
        var session = new CliSession(services, new CliOutput(cli.Environment, parseResult.GetValue(cli.Globals.Output)), connectionString);
        var started = false;
        try
        {
            await session.Get<CatalogMigrator>().MigrateAsync(cancellationToken);
            started = true;
            return session;
        }
        finally
        {
            if (!started) await session.DisposeAsync();
        }
    }

    /// <summary>Recovers runs abandoned by dead processes, quietly, before a command that runs migrations.</summary>
    public async Task RecoverAbandonedRunsAsync(CancellationToken cancellationToken) =>
        await Engine.RecoverAbandonedRunsAsync(cancellationToken);

    /// <summary>
    /// Sends the alerts that are due, so that a setup without the console gets them too. It never fails the command:
    /// undelivered alerts stay pending for the console or the next command.
    /// </summary>
    public async Task DeliverAlertsAsync(CancellationToken cancellationToken)
    {
        // After Ctrl+C the command ends at once; its alerts are already in the outbox and go out later.
        if (cancellationToken.IsCancellationRequested) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await Engine.DeliverAlertsAsync(budget.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while delivering: the alerts stay pending.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Output.Error.WriteLine($"warning: alerts could not be delivered now ({e.Message}); they stay pending and go out with the console or the next command.");
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
