namespace AiBos.Migrations.Execution;

/// <summary>How a run ended: the closed set every face maps in one place (exit codes, snackbars, ProblemDetails).</summary>
public abstract record RunOutcome;

/// <summary>All steps ran and the validation step passed.</summary>
public sealed record Completed(Guid RunId, TimeSpan Elapsed) : RunOutcome;

/// <summary>A step failed (or the run timed out, or an operator forced it) and the tenant was returned to the from-version.</summary>
public sealed record RolledBack(Guid RunId, string Step, string Reason, string RollbackPath) : RunOutcome;

/// <summary>A step failed and the run's policy kept the tenant as it was (no automatic rollback).</summary>
public sealed record Failed(Guid RunId, string Step, string Reason) : RunOutcome;

/// <summary>A rollback itself failed: the tenant needs an operator; the reason says what broke.</summary>
public sealed record NeedsOperator(Guid RunId, string Reason) : RunOutcome;

/// <summary>Another run holds the tenant; nothing was touched.</summary>
public sealed record TenantBusy(string Tenant) : RunOutcome;

/// <summary>The plan cannot run (wrong from-version, missing down SQL, missing dependency, tampered checksum); nothing was touched.</summary>
public sealed record PlanRejected(IReadOnlyList<string> Problems) : RunOutcome;
