using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiBos.Migrations.Cli.Output;

/// <summary>
/// Every exit code of <c>aibos-migrations</c>, and the one place where run outcomes, run statuses and failures are
/// mapped to them. The table is printed in <c>--help</c> and documented in docs/cli.md.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;
    public const int TenantBusy = 3;
    public const int NotFound = 4;
    public const int NeedsOperator = 5;
    public const int DatabaseUnreachable = 6;
    public const int PlanRejected = 7;
    public const int UnexpectedError = 8;
    public const int ConfirmationRequired = 9;
    public const int Cancelled = 130;

    public static readonly IReadOnlyList<(int Code, string Meaning)> Documented =
    [
        (Success, "success (the run completed and was validated; a rollback returned the tenant to its from-version)"),
        (RunFailed, "the run failed: it was rolled back (rolled-back) or, with --no-rollback, left as it was (failed)"),
        (InvalidInput, "invalid input: a wrong or missing argument, a bad version, name, file or configuration, or a run that cannot be resumed"),
        (TenantBusy, "the tenant is busy with another run or restore; nothing was touched"),
        (NotFound, "an unknown tenant, module, shard, run, backup or rollback point id"),
        (NeedsOperator, "a rollback failed: the run needs an operator (see show-migration)"),
        (DatabaseUnreachable, "the catalog or a shard database cannot be reached"),
        (PlanRejected, "the plan was rejected (the tenant is at another version, down SQL or a dependency is missing); nothing was touched"),
        (UnexpectedError, "an unexpected error (run again with --verbose for the details)"),
        (ConfirmationRequired, "a restore would discard rows and was not confirmed; nothing was changed (re-run with --yes)"),
        (Cancelled, "cancelled with Ctrl+C"),
    ];

    /// <summary>The exit code of an execute-migration or install-module run.</summary>
    public static int ForRun(RunOutcome outcome) => outcome switch
    {
        Completed => Success,
        RolledBack or Failed => RunFailed,
        Execution.TenantBusy => TenantBusy,
        Execution.NeedsOperator => NeedsOperator,
        Execution.PlanRejected => PlanRejected,
        _ => UnexpectedError,
    };

    /// <summary>The exit code of rollback-migration: there, "rolled back" is the success.</summary>
    public static int ForRollback(RunOutcome outcome) => outcome switch
    {
        RolledBack or Completed => Success,
        Failed => RunFailed,
        _ => ForRun(outcome),
    };

    /// <summary>The exit code of restore-backup and restore-rollback-point.</summary>
    public static int ForRestore(RestoreOutcome outcome) => outcome switch
    {
        Restored => Success,
        RestoreNeedsConfirmation => ConfirmationRequired,
        _ => UnexpectedError,
    };

    /// <summary>The exit code of a run's stored status (watch, recover).</summary>
    public static int ForStatus(string status) => status switch
    {
        RunStatus.Completed => Success,
        RunStatus.RolledBack or RunStatus.Failed => RunFailed,
        RunStatus.NeedsOperator => NeedsOperator,
        _ => Success,
    };

    /// <summary>The exit code and kind of a failure that ended a command.</summary>
    public static (int Code, string Kind) ForException(Exception exception, bool cancelled) => exception switch
    {
        InvalidInputException or OptionsValidationException => (InvalidInput, "invalid-input"),
        AggregateException a when a.InnerExceptions.All(e => e is OptionsValidationException) => (InvalidInput, "invalid-input"),
        NotFoundException => (NotFound, "not-found"),
        TenantBusyException => (TenantBusy, "tenant-busy"),
        OperationCanceledException when cancelled => (Cancelled, "cancelled"),
        _ when DatabaseFailures.IsUnreachable(exception) => (DatabaseUnreachable, "database-unreachable"),
        _ => (UnexpectedError, "unexpected-error"),
    };
}
