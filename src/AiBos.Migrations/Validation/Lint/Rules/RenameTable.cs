using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: every query of the running application that names the old table fails from the moment of the rename.
/// </summary>
internal sealed partial class RenameTable : ILintRule
{
    public string Id => "rename-table";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        var match = alter.Actions.Select(a => RenameTo().Match(a)).FirstOrDefault(m => m.Success);
        if (match is null) yield break;
        yield return LintFinding.At(statement, Id, RiskLevel.High,
            $"Renaming {alter.Table} to {match.Groups["to"].Value} breaks running code that still uses the old name.",
            $"Rename, then CREATE VIEW {alter.Table} AS SELECT * FROM {match.Groups["to"].Value} so old code keeps working (a simple view is updatable); drop the view once no release uses the old name.");
    }

    [GeneratedRegex($@"^rename to (?<to>{SqlNames.Pattern})")]
    private static partial Regex RenameTo();
}
