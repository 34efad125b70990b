using System.Text.RegularExpressions;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>What rules know about the migration around the statement they check.</summary>
public sealed partial class LintContext
{
    private readonly HashSet<string> _newTables;
    private readonly HashSet<string> _tablesWithValidatedConstraints;

    public LintContext(IReadOnlyList<LintedStatement> statements, string? downSql, bool transactional)
    {
        Statements = statements;
        DownSql = downSql;
        Transactional = transactional;
        _newTables = statements.Select(s => CreatedTable().Match(s.Code)).Where(m => m.Success)
            .Select(m => SqlNames.Unqualified(m.Groups["table"].Value)).ToHashSet(StringComparer.Ordinal);
        _tablesWithValidatedConstraints = statements.Select(s => s.AlterTable).OfType<AlterTableStatement>()
            .Where(a => a.Actions.Any(action => action.StartsWith("validate constraint ", StringComparison.Ordinal)))
            .Select(a => SqlNames.Unqualified(a.Table)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every statement of the up SQL, in order.</summary>
    public IReadOnlyList<LintedStatement> Statements { get; }

    public string? DownSql { get; }

    /// <summary>Whether the engine runs the whole file in one transaction.</summary>
    public bool Transactional { get; }

    /// <summary>
    /// A table the script does not create itself. A table created in the same script is empty and unknown to
    /// running code, so locks, rewrites, scans and renames on it endanger nobody.
    /// </summary>
    public bool IsExistingTable(string table) => !_newTables.Contains(SqlNames.Unqualified(table));

    /// <summary>
    /// Whether the script validates a constraint on the table (<c>ALTER TABLE t VALIDATE CONSTRAINT c</c>): the
    /// step before SET NOT NULL that lets PostgreSQL 12+ skip its full scan.
    /// </summary>
    public bool ValidatesConstraintOn(string table) => _tablesWithValidatedConstraints.Contains(SqlNames.Unqualified(table));

    [GeneratedRegex($@"^create (?:(?:global |local )?(?:temporary|temp) |unlogged )?(?:table|materialized view) (?:if not exists )?(?<table>{SqlNames.Pattern})")]
    private static partial Regex CreatedTable();
}
