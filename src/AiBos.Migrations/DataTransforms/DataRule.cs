using AiBos.Migrations.Registry;

namespace AiBos.Migrations.DataTransforms;

/// <summary>One source column copied into one target column (the seed's <c>'entry_id': 'id'</c>).</summary>
public sealed record ColumnMapping(string Source, string Target);

/// <summary>
/// A data transformation rule of one module version, in the seed's shape: rows of <see cref="SourceTable"/> that
/// meet every condition are written to <see cref="TargetTable"/> through the column mapping, in batches, after the
/// version's schema migrations. <see cref="Validated"/> rules have passed the registration checks.
/// </summary>
public sealed record DataRule(
    string Id,
    string SourceTable,
    string TargetTable,
    string TransformationType,
    IReadOnlyList<ColumnMapping> Mapping,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<ValidationQuery> ValidationQueries,
    int? BatchSize)
{
    /// <summary>Writes the mapped rows into the target table (the seed's "transform").</summary>
    public const string Transform = "transform";

    /// <summary>Like transform, with the mapping defaulting to every column both tables share.</summary>
    public const string Copy = "copy";

    public static readonly IReadOnlyList<string> Types = [Transform, Copy];

    /// <summary>The rule's WHERE clause: every condition must hold.</summary>
    public string? WhereClause => Conditions.Count == 0 ? null : string.Join(" AND ", Conditions.Select(c => $"({c})"));
}

/// <summary>A registered rule with the module version it belongs to.</summary>
public sealed record RegisteredDataRule(string Module, SemanticVersion Version, int Ordinal, DataRule Rule, string Checksum)
{
    public string DisplayName => $"{Module}:{Version}/{Rule.Id}";
}
