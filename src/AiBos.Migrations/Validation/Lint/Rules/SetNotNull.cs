using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to prove there is no NULL, blocking reads and
/// writes meanwhile. PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) exists, so the rule
/// stays quiet when the same script validates a constraint on the table first.
/// </summary>
internal sealed partial class SetNotNull : ILintRule
{
    public string Id => "set-not-null";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table) || context.ValidatesConstraintOn(alter.Table)) yield break;
        foreach (var action in alter.Actions)
        {
            var match = SetNotNullAction().Match(action);
            if (!match.Success) continue;
            var column = match.Groups["column"].Value;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"SET NOT NULL on {alter.Table}.{column} scans the whole table under an ACCESS EXCLUSIVE lock.",
                $"ADD CONSTRAINT {column}_not_null CHECK ({column} IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE CONSTRAINT {column}_not_null (no blocking lock); then SET NOT NULL (no scan) and drop the CHECK.");
        }
    }

    [GeneratedRegex($@"^alter (?:column )?(?<column>{SqlNames.Identifier}) set not null\b")]
    private static partial Regex SetNotNullAction();
}
