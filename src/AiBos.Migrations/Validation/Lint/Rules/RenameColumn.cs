using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: the application version still running during and after the migration queries the old column name, so
/// every such query fails from the moment of the rename.
/// </summary>
internal sealed partial class RenameColumn : ILintRule
{
    public string Id => "rename-column";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var action in alter.Actions)
        {
            var match = Rename().Match(action);
            if (!match.Success) continue;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"Renaming {alter.Table}.{match.Groups["from"].Value} to {match.Groups["to"].Value} breaks running code that still uses the old name.",
                "Expand and contract: add the new column, write to both and backfill, move readers to the new name, then drop the old column in a later release.");
        }
    }

    [GeneratedRegex($@"^rename (?:column )?(?!(?:to|constraint)\b)(?<from>{SqlNames.Identifier}) to (?<to>{SqlNames.Identifier})")]
    private static partial Regex Rename();
}
