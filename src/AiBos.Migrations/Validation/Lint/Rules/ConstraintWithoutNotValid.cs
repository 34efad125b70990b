using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: adding a FOREIGN KEY or CHECK constraint checks every existing row while holding a lock that blocks
/// writes (ACCESS EXCLUSIVE for CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key). With NOT VALID only new
/// rows are checked, and a later VALIDATE CONSTRAINT scans under a lock that lets reads and writes through.
/// REFERENCES in ADD COLUMN is flagged too: NOT VALID cannot be written inline.
/// </summary>
internal sealed partial class ConstraintWithoutNotValid : ILintRule
{
    public string Id => "constraint-without-not-valid";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var action in alter.Actions)
        {
            if (TableConstraint().Match(action) is not { Success: true } constraint || NotValid().IsMatch(action)) continue;
            var kind = constraint.Groups["kind"].Value.ToUpperInvariant();
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"ADD {kind} without NOT VALID checks every row of {alter.Table} while blocking its writes.",
                $"ADD CONSTRAINT ... {kind} ... NOT VALID, then VALIDATE CONSTRAINT in a later migration.");
        }
        foreach (var column in alter.AddedColumns.Where(c => References().IsMatch(c.Definition)))
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"ADD COLUMN {column.Name} ... REFERENCES validates the foreign key against {alter.Table} at once, locking it and the referenced table against writes.",
                "ADD COLUMN without REFERENCES; then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID; then VALIDATE CONSTRAINT in a later migration.");
    }

    [GeneratedRegex($@"^add (?:constraint {SqlNames.Pattern} )?(?<kind>foreign key|check)\b")]
    private static partial Regex TableConstraint();

    [GeneratedRegex(@"\bnot valid\b")]
    private static partial Regex NotValid();

    [GeneratedRegex(@"\breferences\b")]
    private static partial Regex References();
}
