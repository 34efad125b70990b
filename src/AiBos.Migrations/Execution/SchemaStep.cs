namespace AiBos.Migrations.Execution;

/// <summary>Applies the plan's migrations one file at a time, each with its history row in the same transaction.</summary>
public sealed class SchemaStep : IRunStep
{
    public string Kind => "schema";
    public string Name => "Apply Schema Changes";
    public int Order => 20;

    public bool AppliesTo(RunContext context) => true;

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var planned = context.Plan.Migrations;
        await context.ReportProgressAsync(0, planned.Count, planned.Count == 0 ? "No schema migrations in this plan" : null, cancellationToken);
        for (var i = 0; i < planned.Count; i++)
        {
            await HistoryUndo.ApplyAsync(context, planned[i], isUndo: false, context.RunId, cancellationToken);
            await context.ReportProgressAsync(i + 1, planned.Count, $"Applied {planned[i].Migration.FileName}", cancellationToken);
        }
    }

    public async Task RollbackAsync(RunContext context, CancellationToken cancellationToken) =>
        await HistoryUndo.UndoRunAsync(context, context.UndoRunId, cancellationToken);
}
