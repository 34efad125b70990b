using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// One statement of a migration, prepared for rules. Match against <see cref="Code"/> (lower case, no comments,
/// string constants replaced by <c>'0'</c>, <c>'1'</c>...), never against the original text.
/// </summary>
public sealed class LintedStatement
{
    /// <summary>Findings quote at most this many characters of a statement; enough to recognise it.</summary>
    public const int DisplayLength = 200;

    private LintedStatement(int index, string text, string code, IReadOnlyList<string> literals)
    {
        Index = index;
        Text = text;
        Code = code;
        Literals = literals;
        Shortened = text.Length <= DisplayLength ? text : string.Concat(text.AsSpan(0, DisplayLength - 1), "…");
        AlterTable = AlterTableStatement.TryParse(code);
    }

    /// <summary>Position in the script, from 0.</summary>
    public int Index { get; }

    /// <summary>The statement as written, without comments and with whitespace collapsed.</summary>
    public string Text { get; }

    /// <summary><see cref="Text"/> cut to <see cref="DisplayLength"/> characters, as findings show it.</summary>
    public string Shortened { get; }

    /// <summary>The form rules match: lower case, single spaces, constants replaced by numbered placeholders.</summary>
    public string Code { get; }

    /// <summary>The string constants, in order: placeholder <c>'n'</c> in <see cref="Code"/> stands for <c>Literals[n]</c>.</summary>
    public IReadOnlyList<string> Literals { get; }

    /// <summary>The table and its actions when the statement is an ALTER TABLE; null otherwise.</summary>
    public AlterTableStatement? AlterTable { get; }

    /// <summary>Prepares a script's statements, cut by the engine's own splitter; statements made only of comments are left out.</summary>
    public static IReadOnlyList<LintedStatement> ParseScript(string sql)
    {
        var statements = new List<LintedStatement>();
        foreach (var raw in SqlStatements.Split(sql))
        {
            var (text, code, literals) = SqlScanner.Scan(raw);
            if (code.Length > 0) statements.Add(new LintedStatement(statements.Count, text, code, literals));
        }
        return statements;
    }

    public override string ToString() => Shortened;
}
