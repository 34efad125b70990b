using AiBos.Migrations;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Usage: AiBos.Migrations.TestHost <tenant> <module> <from> <to> [rollbackOnFailure true|false]
// The catalog connection comes from ConnectionStrings__Catalog. Prints the outcome and exits 0.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection().AddLogging().AddAiBosMigrations(configuration).BuildServiceProvider();
var engine = services.GetRequiredService<ModuleMigrationService>();
var options = new MigrationOptions { RollbackOnFailure = args.Length < 5 || bool.Parse(args[4]) };
var outcome = await engine.ExecuteModuleMigrationAsync(args[0], args[1], args[2], args[3], options, CancellationToken.None);
Console.WriteLine(outcome);
