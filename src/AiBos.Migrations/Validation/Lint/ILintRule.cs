namespace AiBos.Migrations.Validation.Lint;

/// <summary>A check on one statement of a migration's up SQL.</summary>
public interface ILintRule
{
    /// <summary>Stable kebab-case id that operators, docs and suppressions refer to.</summary>
    string Id { get; }

    IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context);
}
