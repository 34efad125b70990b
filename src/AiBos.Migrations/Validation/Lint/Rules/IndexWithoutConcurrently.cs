using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: a plain CREATE INDEX holds a SHARE lock on the table for the whole build, so every INSERT, UPDATE and
/// DELETE of the tenant waits (minutes on a large table). An index on a table created in the same script is fine.
/// </summary>
internal sealed partial class IndexWithoutConcurrently : ILintRule
{
    public string Id => "index-without-concurrently";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        var match = CreateIndex().Match(statement.Code);
        if (!match.Success || !context.IsExistingTable(match.Groups["table"].Value)) yield break;
        yield return LintFinding.At(statement, Id, RiskLevel.High,
            $"CREATE INDEX without CONCURRENTLY blocks all writes to {match.Groups["table"].Value} until the index is built.",
            "CREATE INDEX CONCURRENTLY in a migration of its own marked transactional: false.");
    }

    [GeneratedRegex($@"^create (?:unique )?index (?!concurrently\b)(?:if not exists )?(?:{SqlNames.Identifier} )?on (?:only )?(?<table>{SqlNames.Pattern})")]
    private static partial Regex CreateIndex();
}
