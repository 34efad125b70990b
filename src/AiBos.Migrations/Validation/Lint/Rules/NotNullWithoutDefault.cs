using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: ADD COLUMN ... NOT NULL (or PRIMARY KEY) without a DEFAULT fails with "contains null values" on every
/// tenant whose table has rows, while it passes on the empty tables of development: the classic surprise in
/// production. Identity, serial and generated columns fill themselves and are not flagged here.
/// </summary>
internal sealed partial class NotNullWithoutDefault : ILintRule
{
    public string Id => "not-null-without-default";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var column in alter.AddedColumns)
        {
            if (!NotNull().IsMatch(column.Definition) || FilledByPostgres().IsMatch(column.Definition)) continue;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"ADD COLUMN {column.Name} ... NOT NULL without DEFAULT fails as soon as {alter.Table} has a row.",
                "Add the column with a constant DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, backfill it, then make it NOT NULL through a validated CHECK constraint.");
        }
    }

    // "x IS NOT NULL" inside a CHECK is a condition, not the column's constraint.
    [GeneratedRegex(@"(?<!\bis )\bnot null\b|\bprimary key\b")]
    private static partial Regex NotNull();

    [GeneratedRegex(@"\bdefault\b|\bgenerated\b|^(?:small|big)?serial[248]?\b")]
    private static partial Regex FilledByPostgres();
}
