namespace AiBos.Migrations.Execution;

/// <summary>A run as shown to people and scripts (the seed's <c>getMigration</c> result).</summary>
public sealed record MigrationRun(
    Guid Id, string Tenant, string Module, string FromVersion, string ToVersion, string Kind, string Status,
    string? RequestedBy, Guid? RollbackOf, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Error, string? FailedStep, string? RollbackPath, string? Owner, IReadOnlyList<MigrationStep> MigrationSteps)
{
    public TimeSpan? Duration => StartedAt is { } s ? (FinishedAt ?? DateTimeOffset.UtcNow) - s : null;
    public int StepsCompleted => MigrationSteps.Count(s => s.Status is StepStatus.Completed or StepStatus.Skipped);
    public MigrationStep? CurrentStep => MigrationSteps.FirstOrDefault(s => s.Status == StepStatus.Running);
}

public sealed record MigrationStep(
    int Ordinal, string Kind, string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Done, long Total, string? Message, string? Error)
{
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}

/// <summary>Which runs to list.</summary>
public sealed record MigrationFilter(string? Module = null, string? Tenant = null, string? Status = null, int Limit = 100);
