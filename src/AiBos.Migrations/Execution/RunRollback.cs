using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Undoes a run's steps, newest first, and records the result: rolled back, or needs an operator with the reason.
/// Shared by automatic rollback, an operator's forced rollback, manual rollback and crash recovery.
/// </summary>
public sealed class RunRollback(RunRecorder recorder, ILogger<RunRollback> logger)
{
    /// <summary>Rolls back <paramref name="steps"/> (the failed one first, then those that completed, newest first).</summary>
    public async Task<RunOutcome> RollBackAsync(RunContext context, IReadOnlyList<IRunStep> steps, string failedStep, string reason, CancellationToken cancellationToken)
    {
        logger.RollingBack(context.RunId, context.Tenant.Key, context.Module, failedStep, reason);
        await recorder.SetRunStatusAsync(context.RunId, RunStatus.RollingBack, error: reason, failedStep: failedStep, cancellationToken: cancellationToken);
        try
        {
            foreach (var step in steps)
            {
                context.CurrentStep = step.Kind;
                await step.RollbackAsync(context, cancellationToken);
                if (step.Kind != failedStep)
                    await recorder.SetStepStatusAsync(context.RunId, step.Kind, StepStatus.RolledBack, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var why = $"{reason} Rollback then failed in step {context.CurrentStep}: {Describe(e)}";
            logger.RollbackFailed(context.RunId, context.Tenant.Key, context.Module, context.CurrentStep, Describe(e));
            await recorder.SetRunStatusAsync(context.RunId, RunStatus.NeedsOperator, error: why, finished: true, cancellationToken: CancellationToken.None);
            return new NeedsOperator(context.RunId, why);
        }
        await recorder.SetRunStatusAsync(context.RunId, RunStatus.RolledBack, rollbackPath: context.RollbackPath, finished: true, cancellationToken: cancellationToken);
        logger.RunEnded(context.RunId, context.Tenant.Key, context.Module, RunStatus.RolledBack);
        return new RolledBack(context.RunId, failedStep, reason, context.RollbackPath);
    }

    internal static string Describe(Exception e) => e switch
    {
        StepFailedException or MigrationException => e.Message,
        Npgsql.PostgresException p => $"{p.MessageText} (SQLSTATE {p.SqlState})",
        OperationCanceledException => "the rollback's own time limit was exceeded",
        _ => e.Message,
    };
}
