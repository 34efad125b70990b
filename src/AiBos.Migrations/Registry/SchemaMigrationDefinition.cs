namespace AiBos.Migrations.Registry;

/// <summary>
/// What a module registers for one migration file, with everything the seed's <c>registerSchemaMigration</c> carries.
/// The engine computes the checksum; <see cref="Checksum"/> is only compared with it.
/// </summary>
public sealed record SchemaMigrationDefinition
{
    public required string Module { get; init; }
    public required string Version { get; init; }
    public required string MigrationFile { get; init; }
    public required string UpSql { get; init; }
    public string? DownSql { get; init; }
    public string? Checksum { get; init; }
    public IReadOnlyList<string> Dependencies { get; init; } = [];
    public IReadOnlyList<ValidationQuery> ValidationQueries { get; init; } = [];
    public int EstimatedSeconds { get; init; }
    public RiskLevel RiskLevel { get; init; } = RiskLevel.Low;
    public bool Transactional { get; init; } = true;
    /// <summary>Replace a registered file with different content; refused once any tenant has applied it.</summary>
    public bool Replace { get; init; }
    /// <summary>Whether <see cref="DownSql"/> may be used for rollback (the seed's rollbackSupported).</summary>
    public bool RollbackSupported => !string.IsNullOrWhiteSpace(DownSql);
}
