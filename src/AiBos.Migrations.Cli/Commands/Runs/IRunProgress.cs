using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>Shows a run while it runs: first the run as stored, then each of its events.</summary>
public interface IRunProgress
{
    void Begin(MigrationRun run);

    void Apply(RunEvent runEvent);
}
