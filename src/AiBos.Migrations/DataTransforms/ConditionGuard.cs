using System.Text;
using System.Text.RegularExpressions;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// Keeps a rule's conditions to what they claim to be: one boolean expression over the source row. A condition is
/// pasted into the engine's batch statement, so anything that could end that statement, hide text from a reviewer
/// or run other statements is refused before the database sees it: statement separators, comments, dollar quoting,
/// sub-statements (SELECT, INSERT, ...) and functions with side effects or access outside the tenant.
/// The database then checks that what is left is a valid boolean expression (<see cref="DataRuleChecks"/>).
/// </summary>
public static partial class ConditionGuard
{
    [GeneratedRegex(@"\b(select|insert|update|delete|merge|drop|create|alter|truncate|grant|revoke|copy|do|call|execute|prepare|with|into|returning|union|intersect|except|begin|commit|rollback|savepoint|vacuum|analyze|listen|notify|lock|set|reset|load|import)\b")]
    private static partial Regex SubStatementKeyword();

    [GeneratedRegex(@"\b(pg_\w+|lo_\w+|dblink\w*|set_config|current_setting|\w*_to_xml\w*|query_to_\w+|nextval|setval|currval|txid_\w+|version)\s*\(")]
    private static partial Regex ForbiddenFunction();

    /// <summary>Null when the condition may be sent to the database; otherwise why not, for people.</summary>
    public static string? Problem(string condition)
    {
        if (string.IsNullOrWhiteSpace(condition)) return "the condition is empty.";
        if (condition.Length > 2000) return "the condition is longer than 2,000 characters.";
        // E'...' strings read backslash escapes, which would let a quote end a string early: no backslashes at all.
        if (condition.Contains('\\')) return "it contains a backslash: write string constants in standard single quotes.";
        // Two readings of the code outside string constants: quoted names blanked (a column may be called "select"),
        // and quoted names kept (a function may not hide behind quotes: "pg_sleep"(1)).
        var code = new StringBuilder();
        var names = new StringBuilder();
        for (var i = 0; i < condition.Length; i++)
        {
            var c = condition[i];
            var next = i + 1 < condition.Length ? condition[i + 1] : '\0';
            switch (c)
            {
                case ';': return "it contains ';': a condition is one boolean expression, not statements.";
                case '-' when next == '-':
                case '/' when next == '*': return "it contains a comment ('--' or '/*'): write the condition without comments.";
                case '$' when i == 0 || !char.IsLetterOrDigit(condition[i - 1]) && condition[i - 1] != '_':
                    return "it contains '$' (dollar quoting or a parameter): use single-quoted strings.";
                case '\'':
                    var end = ClosingQuote(condition, i, '\'');
                    if (end < 0) return "a string constant is not closed (a ' is missing).";
                    code.Append(" '' ");
                    names.Append(" '' ");
                    i = end;
                    break;
                case '"':
                    var close = ClosingQuote(condition, i, '"');
                    if (close < 0) return "a quoted name is not closed (a \" is missing).";
                    code.Append(" quoted_name ");
                    names.Append(' ').Append(condition.AsSpan(i + 1, close - i - 1).ToString().ToLowerInvariant()).Append(' ');
                    i = close;
                    break;
                default:
                    code.Append(char.ToLowerInvariant(c));
                    names.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        if (SubStatementKeyword().Match(code.ToString()) is { Success: true } keyword)
            return $"it contains '{keyword.Value.ToUpperInvariant()}': a condition may not hold statements or sub-queries.";
        if (ForbiddenFunction().Match(names.ToString()) is { Success: true } function)
            return $"it calls {function.Value.TrimEnd('(', ' ')}(), which a condition may not use (side effects or access outside the tenant's rows).";
        return null;
    }

    // Index of the quote that closes the one at start ('' and "" inside are escaped quotes), or -1.
    private static int ClosingQuote(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != quote) continue;
            if (i + 1 < text.Length && text[i + 1] == quote) { i++; continue; }
            return i;
        }
        return -1;
    }
}
