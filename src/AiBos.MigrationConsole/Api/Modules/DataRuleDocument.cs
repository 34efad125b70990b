using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Registry;

namespace AiBos.MigrationConsole.Api.Modules;

/// <summary>A data transformation rule as list-data-rules shows it: <c>batchSize</c> null means the run's, else 1000.</summary>
public sealed record DataRuleDocument(
    string Module, string Version, int Ordinal, string Id, string SourceTable, string TargetTable, string TransformationType,
    IReadOnlyList<ColumnMapping> Mapping, IReadOnlyList<string> Conditions, int? BatchSize, IReadOnlyList<ValidationQuery> ValidationQueries,
    string Checksum)
{
    public static DataRuleDocument From(RegisteredDataRule rule) => new(
        rule.Module, rule.Version.ToString(), rule.Ordinal, rule.Rule.Id, rule.Rule.SourceTable, rule.Rule.TargetTable, rule.Rule.TransformationType,
        rule.Rule.Mapping, rule.Rule.Conditions, rule.Rule.BatchSize, rule.Rule.ValidationQueries, rule.Checksum);
}
