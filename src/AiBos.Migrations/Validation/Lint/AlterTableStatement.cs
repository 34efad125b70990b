using System.Text.RegularExpressions;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// An <c>ALTER TABLE</c> cut into its table and its comma-separated actions (<c>add column ...</c>,
/// <c>alter column ... type ...</c>, ...), in <see cref="LintedStatement.Code"/> form.
/// </summary>
public sealed partial record AlterTableStatement(string Table, IReadOnlyList<string> Actions)
{
    /// <summary>The columns of <c>ADD [COLUMN] [IF NOT EXISTS] name type ...</c> actions.</summary>
    public IEnumerable<AddedColumn> AddedColumns => Actions.Select(a => AddColumn().Match(a)).Where(m => m.Success)
        .Select(m => new AddedColumn(m.Groups["name"].Value, m.Groups["definition"].Value));

    public static AlterTableStatement? TryParse(string code)
    {
        var match = Header().Match(code);
        return match.Success ? new AlterTableStatement(match.Groups["table"].Value, SplitActions(match.Groups["actions"].Value)) : null;
    }

    // Commas inside parentheses belong to one action: numeric(10, 2), FOREIGN KEY (a, b), CHECK (f(x, y)).
    private static List<string> SplitActions(string actions)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i] == '(') depth++;
            else if (actions[i] == ')') depth--;
            else if (actions[i] == ',' && depth == 0)
            {
                result.Add(actions[start..i].Trim());
                start = i + 1;
            }
        }
        result.Add(actions[start..].Trim());
        return result;
    }

    [GeneratedRegex($@"^alter table (?:if exists )?(?:only )?(?<table>{SqlNames.Pattern})(?: ?\*)? (?<actions>.+)$")]
    private static partial Regex Header();

    // ADD without COLUMN is still a column unless a table constraint follows.
    [GeneratedRegex($@"^add (?:column )?(?!(?:constraint|primary|unique|foreign|check|exclude)\b)(?:if not exists )?(?<name>{SqlNames.Identifier}) (?<definition>.+)$")]
    private static partial Regex AddColumn();
}
