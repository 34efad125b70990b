using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint;

/// <summary>
/// Reads a migration's SQL, without a database, and reports what would endanger a live tenant: locks that block
/// traffic, table rewrites, changes that break running code or lose data, statements that escape the tenant.
/// Deterministic: the same SQL always gives the same findings in the same order (statement order, then rule order).
/// </summary>
public static class MigrationLinter
{
    public static IReadOnlyList<LintFinding> Lint(string upSql, string? downSql, bool transactional)
    {
        var statements = LintedStatement.ParseScript(upSql);
        var context = new LintContext(statements, downSql, transactional);
        return
        [
            .. statements.SelectMany(statement => LintRules.Statement.SelectMany(rule => rule.Check(statement, context))),
            .. LintRules.Script.SelectMany(rule => rule.Check(context)),
        ];
    }

    public static IReadOnlyList<LintFinding> Lint(RegisteredMigration migration) =>
        Lint(migration.UpSql, migration.DownSql, migration.Transactional);

    /// <summary>The risk the findings add up to: the highest severity among them, Low when there are none.</summary>
    public static RiskLevel ComputedRisk(IEnumerable<LintFinding> findings) =>
        findings.Select(f => f.Severity).DefaultIfEmpty(RiskLevel.Low).Max();
}
