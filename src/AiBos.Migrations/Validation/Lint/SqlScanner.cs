using System.Text;
using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// Reads one statement into the two forms rules need: <c>Text</c> for people (comments removed, whitespace collapsed,
/// case kept) and <c>Code</c> for matching (also lower case, every string constant replaced by a numbered
/// placeholder <c>'0'</c>, <c>'1'</c>...). Rules match <c>Code</c>, so a keyword
/// inside a comment, a string or a dollar-quoted function body never triggers them; the constants stay available
/// in <c>Literals</c> for the few rules that must look inside one (e.g. <c>set_config('search_path', ...)</c>).
/// Quoting follows <see cref="SqlStatements"/>, which cut the script into statements.
/// </summary>
internal sealed class SqlScanner
{
    private readonly string _sql;
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _code = new();
    private readonly List<string> _literals = [];
    private bool _pendingSpace;
    private int _i;

    private SqlScanner(string sql) => _sql = sql;

    public static (string Text, string Code, IReadOnlyList<string> Literals) Scan(string sql)
    {
        var scanner = new SqlScanner(sql);
        scanner.Run();
        return (scanner._text.ToString(), scanner._code.ToString(), scanner._literals);
    }

    private void Run()
    {
        while (_i < _sql.Length)
        {
            var c = _sql[_i];
            var next = _i + 1 < _sql.Length ? _sql[_i + 1] : '\0';
            if (char.IsWhiteSpace(c)) { _pendingSpace = true; _i++; }
            else if (c == '-' && next == '-') SkipLineComment();
            else if (c == '/' && next == '*') SkipBlockComment();
            else if (c == '\'') ReadString();
            else if (c == '"') ReadQuotedIdentifier();
            else if (c == '$' && (_i == 0 || !SqlStatements.IsIdentifierChar(_sql[_i - 1])) && SqlStatements.DollarTag(_sql, _i) is { } tag) ReadDollarString(tag);
            else
            {
                Emit(c.ToString(), char.ToLowerInvariant(c).ToString());
                _i++;
            }
        }
    }

    private void SkipLineComment()
    {
        var end = _sql.IndexOf('\n', _i);
        _i = end < 0 ? _sql.Length : end;
        _pendingSpace = true;
    }

    private void SkipBlockComment()
    {
        var depth = 0;
        do
        {
            if (_i + 1 < _sql.Length && _sql[_i] == '/' && _sql[_i + 1] == '*') { depth++; _i += 2; }
            else if (_i + 1 < _sql.Length && _sql[_i] == '*' && _sql[_i + 1] == '/') { depth--; _i += 2; }
            else _i++;
        } while (depth > 0 && _i < _sql.Length);
        _pendingSpace = true;
    }

    private void ReadString()
    {
        var start = _i;
        var escapes = _i > 0 && _sql[_i - 1] is 'E' or 'e' && (_i < 2 || !SqlStatements.IsIdentifierChar(_sql[_i - 2]));
        var content = new StringBuilder();
        _i++;
        while (_i < _sql.Length)
        {
            if (escapes && _sql[_i] == '\\' && _i + 1 < _sql.Length) { content.Append(_sql[_i + 1]); _i += 2; continue; }
            if (_sql[_i] == '\'')
            {
                if (_i + 1 < _sql.Length && _sql[_i + 1] == '\'') { content.Append('\''); _i += 2; continue; }
                _i++;
                break;
            }
            content.Append(_sql[_i++]);
        }
        EmitLiteral(_sql[start.._i], content.ToString());
    }

    private void ReadDollarString(string tag)
    {
        var start = _i;
        var end = _sql.IndexOf(tag, _i + tag.Length, StringComparison.Ordinal);
        var contentEnd = end < 0 ? _sql.Length : end;
        _i = end < 0 ? _sql.Length : end + tag.Length;
        EmitLiteral(_sql[start.._i], _sql[(start + tag.Length)..contentEnd]);
    }

    private void ReadQuotedIdentifier()
    {
        var start = _i;
        var name = new StringBuilder();
        _i++;
        while (_i < _sql.Length)
        {
            if (_sql[_i] == '"')
            {
                if (_i + 1 < _sql.Length && _sql[_i + 1] == '"') { name.Append('"'); _i += 2; continue; }
                _i++;
                break;
            }
            name.Append(_sql[_i++]);
        }
        // Quotes stay, so a column named "check" or "default" can never be read as the keyword by an anchored rule.
        Emit(_sql[start.._i], $"\"{name.ToString().Replace('"', '_').ToLowerInvariant()}\"");
    }

    private void EmitLiteral(string raw, string content)
    {
        Emit(raw, $"'{_literals.Count}'");
        _literals.Add(content);
    }

    private void Emit(string text, string code)
    {
        if (_pendingSpace && _text.Length > 0)
        {
            _text.Append(' ');
            _code.Append(' ');
        }
        _pendingSpace = false;
        _text.Append(text);
        _code.Append(code);
    }
}
