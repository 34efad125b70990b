using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: every row is gone (down SQL can recreate the table, never its rows) and running code that uses the table
/// fails. Not Critical because retiring a table is a legitimate last step of expand and contract; a table the same
/// script creates (a staging table, say) is not flagged.
/// </summary>
internal sealed partial class DropTable : ILintRule
{
    public string Id => "drop-table";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        var match = Drop().Match(statement.Code);
        if (!match.Success) yield break;
        var existing = match.Groups["tables"].Value.Split(',', StringSplitOptions.TrimEntries).Where(context.IsExistingTable).ToList();
        if (existing.Count == 0) yield break;
        yield return LintFinding.At(statement, Id, RiskLevel.High,
            $"Dropping {string.Join(", ", existing)} deletes every row for good and breaks running code that still uses it.",
            "Stop using the table in a release first, take a copy of its rows (pg_dump -t) if they may be needed, then drop it in a later migration.");
    }

    [GeneratedRegex($@"^drop table (?:if exists )?(?<tables>{SqlNames.Pattern}(?: ?, ?{SqlNames.Pattern})*)")]
    private static partial Regex Drop();
}
