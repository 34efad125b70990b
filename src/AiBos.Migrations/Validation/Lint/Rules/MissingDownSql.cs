using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// Medium: nothing breaks while the migration succeeds, but without down SQL the engine cannot undo it, so when a
/// later file or validation of the same run fails (or an operator rolls back) the rollback stops with
/// "it has no down SQL" and the tenant is left between versions.
/// </summary>
internal sealed class MissingDownSql : IScriptLintRule
{
    public string Id => "missing-down-sql";

    public IEnumerable<LintFinding> Check(LintContext context)
    {
        if (!string.IsNullOrWhiteSpace(context.DownSql)) yield break;
        yield return new LintFinding(Id, RiskLevel.Medium, "",
            "The migration has no down SQL: the engine cannot roll it back automatically.",
            "Write a down script that reverses each statement in reverse order, idempotent where possible (DROP INDEX IF EXISTS, DROP COLUMN IF EXISTS).");
    }
}
