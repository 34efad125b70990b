using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: ADD CONSTRAINT ... UNIQUE / PRIMARY KEY (or an inline UNIQUE / PRIMARY KEY in ADD COLUMN) builds its index
/// while holding ACCESS EXCLUSIVE on the table, so nobody can read or write it until the build ends. Building the
/// index concurrently first and attaching it with USING INDEX takes only a brief lock.
/// </summary>
internal sealed partial class UniqueOrPrimaryKeyAddedDirectly : ILintRule
{
    public string Id => "unique-or-primary-key-added-directly";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        var addsIndexDirectly = alter.Actions.Any(a => TableConstraint().IsMatch(a) && !UsingIndex().IsMatch(a))
            || alter.AddedColumns.Any(c => InlineConstraint().IsMatch(c.Definition));
        if (addsIndexDirectly)
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"Adding a UNIQUE or PRIMARY KEY constraint builds its index under an ACCESS EXCLUSIVE lock on {alter.Table}.",
                "CREATE UNIQUE INDEX CONCURRENTLY in a migration marked transactional: false; then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (or PRIMARY KEY) USING INDEX that index.");
    }

    [GeneratedRegex($@"^add (?:constraint {SqlNames.Pattern} )?(?:unique|primary key)\b")]
    private static partial Regex TableConstraint();

    // USING INDEX TABLESPACE only places a new index; USING INDEX name attaches an existing one.
    [GeneratedRegex(@"\busing index (?!tablespace\b)")]
    private static partial Regex UsingIndex();

    [GeneratedRegex(@"\b(?:unique|primary key)\b")]
    private static partial Regex InlineConstraint();
}
