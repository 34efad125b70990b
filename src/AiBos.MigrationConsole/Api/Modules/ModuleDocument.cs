using AiBos.Migrations.DataTransforms;
using AiBos.Migrations.Registry;

namespace AiBos.MigrationConsole.Api.Modules;

/// <summary>A registered module with its versions, each with its schema migration files in the order they apply.</summary>
public sealed record ModuleDocument(string Name, string Description, IReadOnlyList<ModuleVersionDocument> Versions);

public sealed record ModuleVersionDocument(string Version, DateTimeOffset RegisteredAt, IReadOnlyList<MigrationFileDocument> Migrations);

/// <summary>One registered schema migration file (its SQL is not repeated here; the checksum identifies it).</summary>
public sealed record MigrationFileDocument(
    string FileName, string Checksum, bool HasDown, bool Transactional, RiskLevel DeclaredRisk, int EstimatedSeconds,
    IReadOnlyList<string> Dependencies, IReadOnlyList<ValidationQuery> ValidationQueries, DateTimeOffset RegisteredAt)
{
    public static MigrationFileDocument From(RegisteredMigration m) => new(
        m.FileName, m.Checksum, m.HasDown, m.Transactional, m.DeclaredRisk, m.EstimatedSeconds,
        m.Dependencies.Select(d => d.ToString()).ToList(), m.ValidationQueries, m.RegisteredAt);
}

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

/// <summary><c>POST /api/v1/modules</c>: the CLI's register-module, for a folder on the server.</summary>
public sealed record RegisterModuleRequest(string? Path, bool Replace = false);
