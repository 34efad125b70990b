using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: ALTER COLUMN ... TYPE takes ACCESS EXCLUSIVE and, for most changes, rewrites the table and rebuilds its
/// indexes, blocking all traffic for the duration. Flagged every time because the SQL alone does not tell the
/// cheap cases (varchar(n) to a longer varchar or to text, a wider numeric) from the expensive ones.
/// </summary>
internal sealed partial class ColumnTypeChange : ILintRule
{
    public string Id => "column-type-change";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var action in alter.Actions)
        {
            var match = TypeChange().Match(action);
            if (!match.Success) continue;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"Changing the type of {alter.Table}.{match.Groups["column"].Value} takes ACCESS EXCLUSIVE and usually rewrites the table and its indexes. "
                + "Exceptions without a rewrite: varchar(n) to a larger n or to text, and increasing a numeric's precision; if yours is one, accept the finding.",
                "Expand and contract: add a column of the new type, backfill it in batches, switch the application to it, then drop the old column in a later release.");
        }
    }

    [GeneratedRegex($@"^alter (?:column )?(?<column>{SqlNames.Identifier}) (?:set data )?type\b")]
    private static partial Regex TypeChange();
}
