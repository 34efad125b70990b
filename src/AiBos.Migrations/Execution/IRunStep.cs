namespace AiBos.Migrations.Execution;

/// <summary>
/// One step of the run pipeline (the seed's backup, schema, data, customization, validation). Steps are
/// registered in DI and run in <see cref="Order"/>. A step throws to fail; its <see cref="RollbackAsync"/> must
/// undo whatever part of it ran, and be safe to call again after a crash (it is resumed by recovery).
/// </summary>
public interface IRunStep
{
    /// <summary>Stable kind, stored on the step row: backup, schema, data, customization or validation.</summary>
    string Kind { get; }

    /// <summary>Shown to people, e.g. "Apply Schema Changes".</summary>
    string Name { get; }

    int Order { get; }

    /// <summary>Whether the step runs for this run at all (it is left out of the pipeline otherwise).</summary>
    bool AppliesTo(RunContext context);

    /// <summary>
    /// <see cref="AppliesTo"/> for steps that must read something to decide (rules in the catalog, documents in the
    /// tenant schema); the runner asks this one. By default it is <see cref="AppliesTo"/>.
    /// </summary>
    ValueTask<bool> AppliesToAsync(RunContext context, CancellationToken cancellationToken) => ValueTask.FromResult(AppliesTo(context));

    Task ExecuteAsync(RunContext context, CancellationToken cancellationToken);

    Task RollbackAsync(RunContext context, CancellationToken cancellationToken);
}

/// <summary>A step's own failure with a reason for people (a failed validation query, ...).</summary>
public sealed class StepFailedException(string reason) : MigrationException(reason);
