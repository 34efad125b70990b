using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Api.Runs;

/// <summary>A run with its steps, in the same shape as the CLI's <c>--output json</c> (docs/cli.md, <c>&lt;run&gt;</c>).</summary>
public sealed record RunDocument(
    Guid Id, string Tenant, string Module, string FromVersion, string ToVersion, string Kind, string Status,
    string? RequestedBy, Guid? RollbackOf, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, string? Error, string? FailedStep, string? RollbackPath, int StepsCompleted, int StepsTotal,
    IReadOnlyList<StepDocument> Steps)
{
    public static RunDocument From(MigrationRun run) => new(
        run.Id, run.Tenant, run.Module, run.FromVersion, run.ToVersion, run.Kind, run.Status, run.RequestedBy, run.RollbackOf,
        run.CreatedAt, run.StartedAt, run.FinishedAt, Seconds(run.Duration), run.Error, run.FailedStep, run.RollbackPath,
        run.StepsCompleted, run.MigrationSteps.Count, run.MigrationSteps.Select(StepDocument.From).ToList());

    internal static double? Seconds(TimeSpan? duration) => duration is { } d ? Math.Round(d.TotalSeconds, 3) : null;
}
