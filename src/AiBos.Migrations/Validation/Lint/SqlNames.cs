namespace AiBos.Migrations.Validation.Lint;

/// <summary>How rules find and compare object names in <see cref="LintedStatement.Code"/>.</summary>
public static class SqlNames
{
    /// <summary>One name part: a plain identifier, or a quoted one (kept quoted, in lower case).</summary>
    public const string Identifier = @"(?:""[^""]*""|[\w$]+)";

    /// <summary>A possibly schema-qualified name.</summary>
    public const string Pattern = $@"{Identifier}(?:\.{Identifier}){{0,2}}";

    /// <summary>
    /// The last part of a name, without quotes: tenant migrations run with the tenant schema on the search path, so
    /// <c>public.orders</c>, <c>"orders"</c> and <c>orders</c> written in one script almost always mean the same table.
    /// </summary>
    public static string Unqualified(string name)
    {
        var last = name.EndsWith('"') ? name[name.LastIndexOf('"', name.Length - 2)..] : name[(name.LastIndexOf('.') + 1)..];
        return last.Trim('"');
    }
}
