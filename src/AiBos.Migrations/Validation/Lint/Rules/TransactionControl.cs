using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: the engine owns the transaction of a migration and writes its history row inside it. A COMMIT in the
/// script makes half the migration permanent before the engine knows it succeeded, a ROLLBACK throws its work
/// away, and a BEGIN in a non-transactional file opens a transaction nobody closes: automatic rollback and
/// history both stop telling the truth.
/// </summary>
internal sealed partial class TransactionControl : ILintRule
{
    public string Id => "transaction-control";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        var match = Control().Match(statement.Code);
        if (!match.Success) yield break;
        yield return LintFinding.At(statement, Id, RiskLevel.High,
            $"{match.Value.ToUpperInvariant()} in a migration fights the transaction the engine manages around it.",
            "Remove transaction control: mark the migration transactional: true to run it atomically, or transactional: false (one statement per file) for statements that cannot run in a transaction.");
    }

    [GeneratedRegex(@"^(?:begin|start transaction|commit|rollback|abort|end|savepoint|release|prepare transaction)\b")]
    private static partial Regex Control();
}
