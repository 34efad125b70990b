using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// High: since PostgreSQL 11 ADD COLUMN with a constant or STABLE default (now(), current_timestamp, 'x') only
/// touches the catalog, but a VOLATILE default (random(), gen_random_uuid(), clock_timestamp(), nextval(), a serial
/// type or an identity column) must be computed per row, so the whole table is rewritten under ACCESS EXCLUSIVE:
/// no reads, no writes until it finishes.
/// </summary>
internal sealed partial class VolatileDefault : ILintRule
{
    public string Id => "volatile-default";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context)
    {
        if (statement.AlterTable is not { } alter || !context.IsExistingTable(alter.Table)) yield break;
        foreach (var column in alter.AddedColumns)
        {
            var volatileDefault = VolatileFunction().Match(column.Definition) is { Success: true } call ? $"{call.Groups["function"].Value}()"
                : SequenceBacked().Match(column.Definition) is { Success: true } sequence ? sequence.Value
                : null;
            if (volatileDefault is null) continue;
            yield return LintFinding.At(statement, Id, RiskLevel.High,
                $"ADD COLUMN with the volatile default {volatileDefault} rewrites all of {alter.Table} under an ACCESS EXCLUSIVE lock.",
                "Add the column without a default (or with a constant one), set the default in a separate ALTER COLUMN ... SET DEFAULT, then backfill existing rows in batches.");
        }
    }

    [GeneratedRegex(@"\bdefault\b.*\b(?<function>random|gen_random_uuid|uuidv[47]|uuid_generate_v1(?:mc)?|uuid_generate_v4|clock_timestamp|timeofday|nextval) ?\(")]
    private static partial Regex VolatileFunction();

    // A serial type is the start of the definition: "bigserial", "serial4".
    [GeneratedRegex(@"^(?:small|big)?serial[248]?\b|\bgenerated (?:always|by default) as identity\b")]
    private static partial Regex SequenceBacked();
}
