using System.Text;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Splits a SQL script into statements at top-level semicolons, respecting quotes, dollar quotes and comments.
/// Needed for statements that must run alone, outside a transaction (CREATE INDEX CONCURRENTLY, ...).
/// </summary>
public static class SqlStatements
{
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '-' && next == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                current.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var start = i;
                var depth = 0;
                do
                {
                    if (i + 1 < sql.Length && sql[i] == '/' && sql[i + 1] == '*') { depth++; i += 2; }
                    else if (i + 1 < sql.Length && sql[i] == '*' && sql[i + 1] == '/') { depth--; i += 2; }
                    else i++;
                } while (depth > 0 && i < sql.Length);
                current.Append(sql, start, i - start);
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                // E'...' strings take backslash escapes; a quote after a word that merely ends in "e" does not.
                var escapes = c == '\'' && i > 0 && (sql[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentifierChar(sql[i - 2]));
                i++;
                while (i < sql.Length)
                {
                    if (escapes && sql[i] == '\\') { i += 2; continue; }
                    if (sql[i] == c)
                    {
                        if (i + 1 < sql.Length && sql[i + 1] == c) { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                current.Append(sql, start, Math.Min(i, sql.Length) - start);
            }
            else if (c == '$' && (i == 0 || !IsIdentifierChar(sql[i - 1])) && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + tag.Length;
                current.Append(sql, i, end - i);
                i = end;
            }
            else if (c == ';')
            {
                Add(statements, current);
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }
        Add(statements, current);
        return statements;
    }

    internal static string? DollarTag(string sql, int start)
    {
        // $$ or $tag$ where tag is an identifier; not $1 (a parameter).
        var end = start + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) end++;
        if (end >= sql.Length || sql[end] != '$') return null;
        var tag = sql[start..(end + 1)];
        return tag.Length > 2 && char.IsDigit(tag[1]) ? null : tag;
    }

    /// <summary>Characters that continue an identifier ('$' included: a$b is one identifier, not a dollar quote).</summary>
    internal static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static void Add(List<string> statements, StringBuilder current)
    {
        var text = current.ToString().Trim();
        current.Clear();
        if (text.Length > 0 && !IsOnlyComments(text)) statements.Add(text);
    }

    private static bool IsOnlyComments(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("--", StringComparison.Ordinal))).Trim().Length == 0;
}
