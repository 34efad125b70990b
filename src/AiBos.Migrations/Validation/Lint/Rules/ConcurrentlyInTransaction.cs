using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// CREATE/DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY and DETACH PARTITION ... CONCURRENTLY cannot run in a
/// transaction block. High in a transactional migration: it fails every time. Medium in a non-transactional file
/// with other statements: the engine runs them one by one, so a failure leaves the file half applied, without a
/// history row, and possibly an INVALID index behind.
/// </summary>
internal sealed partial class ConcurrentlyInTransaction : ILintRule
{
    private const string Alternative = "Put the statement alone in a migration of its own marked transactional: false.";

    public string Id => "concurrently-in-transaction";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (!Concurrently().IsMatch(statement.Code)) yield break;
        if (context.Transactional)
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                "CONCURRENTLY cannot run inside a transaction block: this transactional migration fails on every tenant.", Alternative);
        else if (context.Statements.Count > 1)
            yield return LintFinding.At(statement, Id, RiskLevel.Medium,
                $"This CONCURRENTLY statement shares its file with {context.Statements.Count - 1} other statement(s): they run one by one, so a failure leaves the migration half applied (and a failed build leaves an INVALID index).",
                Alternative);
    }

    [GeneratedRegex(@"^(?:(?:create (?:unique )?|drop )index concurrently\b|reindex (?:\([^)]*\) ?)?(?:index|table|schema|database|system) concurrently\b|alter table .* detach partition .* concurrently\b)")]
    private static partial Regex Concurrently();
}
