using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>What starting a run in the background led to, as soon as that is known.</summary>
public abstract record RunStart(Task<RunOutcome> Outcome);

/// <summary>The run exists in the catalog (its id is known) and goes on in the background.</summary>
public sealed record RunStarted(Guid RunId, Task<RunOutcome> Outcome) : RunStart(Outcome);

/// <summary>The call ended before a run of its own was seen: refused (busy tenant, rejected plan) or already finished.</summary>
public sealed record RunEnded(RunOutcome Result, Task<RunOutcome> Outcome) : RunStart(Outcome);
