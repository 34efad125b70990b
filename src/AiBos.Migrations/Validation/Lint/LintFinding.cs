using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// One risk the linter found in a migration: which rule, how dangerous for a live tenant, the statement it is about
/// (trimmed and shortened; empty for findings about the whole migration), what goes wrong and what to write instead.
/// </summary>
public sealed record LintFinding(string Rule, RiskLevel Severity, string Statement, string Message, string SaferAlternative)
{
    public static LintFinding At(LintedStatement statement, string rule, RiskLevel severity, string message, string saferAlternative) =>
        new(rule, severity, statement.Shortened, message, saferAlternative);
}
