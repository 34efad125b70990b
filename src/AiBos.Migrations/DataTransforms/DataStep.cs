using AiBos.Migrations.Execution;
using AiBos.Migrations.Planning;
using Microsoft.Extensions.Logging;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// The run's data step (the seed's "Transform Data"): after the schema step, the data rules of every version the
/// upgrade passes run in version order, in batches with checkpoints, then their validation queries must pass.
/// Rollback removes what the run wrote (see <see cref="DataMover.UndoAsync"/>).
/// </summary>
public sealed class DataStep(DataRuleStore store, ILogger<DataStep> logger) : IRunStep
{
    /// <summary>
    /// Rows of the first batch when neither the run nor the rule sets a batch size; later batches grow while they are
    /// fast (<see cref="DataMover.MoveAsync"/>). A batch size that is set is kept exactly.
    /// </summary>
    public const int DefaultBatchSize = 1000;

    public string Kind => "data";
    public string Name => "Transform Data";
    public int Order => 30;

    public bool AppliesTo(RunContext context) => context.Plan.Direction == Direction.Up && !context.Plan.To.IsNone;

    /// <summary>Only upgrades that pass a version with data rules have a data step.</summary>
    public async ValueTask<bool> AppliesToAsync(RunContext context, CancellationToken cancellationToken) =>
        AppliesTo(context) && (await store.GetRulesAsync(context.Module, context.Plan.From, context.Plan.To, cancellationToken)).Count > 0;

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var rules = await store.GetRulesAsync(context.Module, context.Plan.From, context.Plan.To, cancellationToken);
        if (rules.Count == 0)
        {
            await context.ReportProgressAsync(0, 0, "No data rules in this plan", cancellationToken);
            return;
        }

        var movers = new List<(RegisteredDataRule Rule, DataMover Mover, DataMover.Checkpoint Checkpoint)>();
        foreach (var rule in rules)
        {
            var mover = new DataMover(context, rule, context.Options.BatchSize ?? rule.Rule.BatchSize);
            movers.Add((rule, mover, await mover.PrepareAsync(cancellationToken)));
        }
        var progress = new DataProgress(context, movers.Sum(m => m.Checkpoint.RowsTotal), movers.Sum(m => Math.Min(m.Checkpoint.RowsRead, m.Checkpoint.RowsTotal)));
        foreach (var (rule, mover, checkpoint) in movers)
        {
            if (checkpoint.Completed) continue;
            if (checkpoint.Batches > 0)
            {
                logger.DataRuleResumed(context.RunId, context.Tenant.Key, context.Module, rule.Rule.Id, checkpoint.RowsRead, checkpoint.RowsTotal);
                await progress.StartedAsync(rule, $"resuming after row {checkpoint.RowsRead:N0} of {checkpoint.RowsTotal:N0}", cancellationToken);
            }
            await mover.MoveAsync(checkpoint, progress, cancellationToken);
            logger.DataRuleDone(context.RunId, context.Tenant.Key, context.Module, rule.Rule.Id, progress.Done, (long)progress.Rate);
        }

        var queries = rules.SelectMany(r => r.Rule.ValidationQueries.Select(q => (Rule: r, Query: q))).ToList();
        for (var i = 0; i < queries.Count; i++)
        {
            var (rule, query) = queries[i];
            var failure = await context.Sql.InTransactionAsync(Kind, (connection, transaction, ct) =>
                ValidationQueries.CheckAsync(connection, transaction, query, ct, countsViolations: true), cancellationToken);
            if (failure is not null)
                throw new StepFailedException($"Validation query of data rule {rule.DisplayName} failed: {failure}");
        }
        // The total was an estimate for large tables: the step ends with the rows that really moved.
        await context.ReportProgressAsync(progress.Done, progress.Done,
            $"Moved {progress.Done:N0} rows by {rules.Count} rule(s){(queries.Count > 0 ? $"; {queries.Count} validation quer{(queries.Count == 1 ? "y" : "ies")} passed" : "")}",
            cancellationToken);
    }

    public Task RollbackAsync(RunContext context, CancellationToken cancellationToken) =>
        DataMover.UndoAsync(context, context.UndoRunId, cancellationToken);
}
