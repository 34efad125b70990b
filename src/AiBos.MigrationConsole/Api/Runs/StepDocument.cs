using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>A step of a run: <c>done</c>/<c>total</c> count its items (migration files, rows, documents).</summary>
public sealed record StepDocument(
    int Ordinal, string Kind, string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, long Done, long Total, string? Message, string? Error)
{
    public static StepDocument From(MigrationStep step) => new(
        step.Ordinal, step.Kind, step.Name, step.Status, step.StartedAt, step.FinishedAt, RunDocument.Seconds(step.Duration),
        step.Done, step.Total, step.Message, step.Error);
}
