namespace AiBos.Migrations.Validation.Lint;

/// <summary>A check on a migration as a whole, for risks that belong to no single statement (e.g. no down SQL).</summary>
public interface IScriptLintRule
{
    /// <summary>Stable kebab-case id that operators, docs and suppressions refer to.</summary>
    string Id { get; }

    IEnumerable<LintFinding> Check(LintContext context);
}
