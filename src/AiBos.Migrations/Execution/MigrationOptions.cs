namespace AiBos.Migrations.Execution;

/// <summary>A run's options, as the seed's <c>executeModuleMigration</c> takes them, plus timeouts.</summary>
public sealed record MigrationOptions
{
    /// <summary>Undo the run automatically when a step fails, a validation fails or the run times out.</summary>
    public bool RollbackOnFailure { get; init; } = true;
    /// <summary>The version a rollback returns to; only the run's from-version is supported.</summary>
    public string? RollbackVersion { get; init; }
    /// <summary>
    /// Rows per batch in the data step, for every rule of the run. When null, each rule's own batchSize applies, and
    /// for rules without one the engine's default (<see cref="DataTransforms.DataStep.DefaultBatchSize"/>).
    /// </summary>
    public int? BatchSize { get; init; }
    /// <summary>Adapt the tenant's customizations to the new version (the customization step).</summary>
    public bool PreserveCustomizations { get; init; } = true;
    /// <summary>Fail the customization step (and so roll the run back) when a document would be quarantined; by default the run continues and reports them.</summary>
    public bool FailOnQuarantine { get; init; }
    /// <summary>The run's deadline; the engine default when null.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>The lock timeout of each statement; the engine default when null.</summary>
    public TimeSpan? LockTimeout { get; init; }
    /// <summary>Skip the backup the run starts with (explicit: without it, rollback can only use down SQL).</summary>
    public bool SkipBackup { get; init; }
    /// <summary>The type of that backup: full (default), incremental or schema-only.</summary>
    public string BackupType { get; init; } = "full";
    /// <summary>Who asked for the run (user, CLI, API client), for the audit log.</summary>
    public string? RequestedBy { get; init; }
}
