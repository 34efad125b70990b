using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: the column's data is gone (down SQL can add the column back, not its values) and running code that
/// still selects or writes it fails at once.
/// </summary>
internal sealed partial class DropColumn : ILintRule
{
    public string Id => "drop-column";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var action in alter.Actions)
        {
            var match = Drop().Match(action);
            if (!match.Success) continue;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"Dropping {alter.Table}.{match.Groups["column"].Value} deletes its data for good and breaks running code that still uses it.",
                "Stop using the column in a release first, keep a copy of the data if it may be needed, and drop it in a later migration.");
        }
    }

    [GeneratedRegex($@"^drop (?:column )?(?!constraint\b)(?:if exists )?(?<column>{SqlNames.Identifier})")]
    private static partial Regex Drop();
}
