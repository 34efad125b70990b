using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Cli.Commands.DataTransforms;

/// <summary>
/// A registered data transformation rule, as list-data-rules shows it: <c>batchSize</c> is the rule's own (null: the
/// run's --batch-size, else 1000), <c>conditions</c> must all hold for a source row to be moved.
/// </summary>
public sealed record DataRuleDocument(
    string Module, string Version, int Ordinal, string Id, string SourceTable, string TargetTable, string TransformationType,
    IReadOnlyList<ColumnMapping> Mapping, IReadOnlyList<string> Conditions, int? BatchSize, IReadOnlyList<ValidationQuery> ValidationQueries,
    string Checksum)
{
    public static DataRuleDocument From(RegisteredDataRule rule) => new(
        rule.Module, rule.Version.ToString(), rule.Ordinal, rule.Rule.Id, rule.Rule.SourceTable, rule.Rule.TargetTable, rule.Rule.TransformationType,
        rule.Rule.Mapping, rule.Rule.Conditions, rule.Rule.BatchSize, rule.Rule.ValidationQueries, rule.Checksum);
}
