using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Components.Runs;

/// <summary>What starting a run from a page gives back: the run to follow, or why the engine did not start one.</summary>
public abstract record LaunchResult
{
    private LaunchResult() { }

    /// <summary>The run exists and goes on in the background; its page shows it live.</summary>
    public sealed record Started(Guid RunId) : LaunchResult;

    /// <summary>The engine refused before creating a run (busy tenant, rejected plan); nothing was changed.</summary>
    public sealed record Refused(RunOutcome Outcome) : LaunchResult;
}
