using AiBos.Migrations;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Rollouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Runs one engine operation in its own process, so that tests can kill it with SIGKILL half-way.
//   migrate <tenant> <module> <from> <to> [rollbackOnFailure] [batchSize]
//   backup  <tenant> <module>
//   restore <backupId>
//   rollout <module> <version> <tenant,tenant,...> <concurrency>   (no canary)
// The catalog connection comes from ConnectionStrings__Catalog. Prints the outcome.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
await using var services = new ServiceCollection().AddLogging().AddAiBosMigrations(configuration).BuildServiceProvider();
var engine = services.GetRequiredService<ModuleMigrationService>();
object outcome = args[0] switch
{
    "migrate" => await engine.ExecuteModuleMigrationAsync(args[1], args[2], args[3], args[4],
        new MigrationOptions { RollbackOnFailure = args.Length < 6 || bool.Parse(args[5]), BatchSize = args.Length < 7 ? null : int.Parse(args[6]) }, CancellationToken.None),
    "backup" => await engine.CreateMigrationBackupAsync(args[1], args[2], null, BackupType.Full, "test-host", CancellationToken.None),
    "restore" => await engine.RestoreBackupAsync(Guid.Parse(args[1]), confirmDiscard: true, "test-host", CancellationToken.None),
    "rollout" => await engine.StartRolloutAsync(new RolloutRequest(args[1], args[2])
        { Tenants = args[3].Split(','), Policy = new RolloutPolicy { Canary = 0, Concurrency = int.Parse(args[4]) } }, "test-host", CancellationToken.None),
    _ => throw new ArgumentException($"Unknown mode {args[0]}"),
};
Console.WriteLine(outcome);
