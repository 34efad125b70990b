namespace AiBos.Migrations.Backups;

/// <summary>
/// The DDL that rebuilds a module's relations, in the order a clone is built: create, then (after the rows are
/// loaded) constraints, indexes, foreign keys, sequence ownership, triggers, views, comments and privileges.
/// Names are unqualified: statements run with search_path set to the target schema, then the tenant schema, so
/// that references to other modules' tables and to the tenant's functions resolve there.
/// </summary>
public sealed record ModuleStructure
{
    public required IReadOnlyList<string> Relations { get; init; }
    public required IReadOnlyList<TableShape> Tables { get; init; }
    public required IReadOnlyList<string> Create { get; init; }
    public required IReadOnlyList<string> Constraints { get; init; }
    public required IReadOnlyList<string> Indexes { get; init; }
    public required IReadOnlyList<string> ForeignKeys { get; init; }
    public required IReadOnlyList<string> SequenceOwnership { get; init; }
    public required IReadOnlyList<string> Triggers { get; init; }
    public required IReadOnlyList<string> Views { get; init; }
    public required IReadOnlyList<string> Comments { get; init; }
    public required IReadOnlyList<string> Privileges { get; init; }
    public required IReadOnlyList<SequenceState> Sequences { get; init; }

    /// <summary>Everything that follows the row load, in order.</summary>
    public IEnumerable<string> AfterLoad =>
        Constraints.Concat(Indexes).Concat(ForeignKeys).Concat(SequenceOwnership).Concat(Triggers).Concat(Views).Concat(Comments).Concat(Privileges);
}

/// <summary>A module table: its columns in order, those an INSERT may name, and its primary key.</summary>
public sealed record TableShape(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Insertable, IReadOnlyList<string> PrimaryKey, bool HasIdentityAlways)
{
    /// <summary>Column names and types: equal signatures mean rows can be compared and copied as they are.</summary>
    public string Signature { get; init; } = "";
}

public sealed record SequenceState(string Name, long LastValue, bool IsCalled);
