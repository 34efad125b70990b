using System.Text.Json;
using AiBos.Migrations.Catalog;

namespace AiBos.Migrations.Registry;

/// <summary>A schema migration as the registry holds it.</summary>
public sealed record RegisteredMigration(
    long Id,
    string Module,
    SemanticVersion Version,
    string FileName,
    string UpSql,
    string? DownSql,
    string Checksum,
    IReadOnlyList<DependencyRef> Dependencies,
    IReadOnlyList<ValidationQuery> ValidationQueries,
    int EstimatedSeconds,
    RiskLevel DeclaredRisk,
    bool Transactional,
    DateTimeOffset RegisteredAt)
{
    public bool HasDown => !string.IsNullOrWhiteSpace(DownSql);

    /// <summary>How the migration is named in messages: <c>module:version/file</c>.</summary>
    public string DisplayName => $"{Module}:{Version}/{FileName}";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static RegisteredMigration FromRow(SchemaMigrationRow row) => new(
        row.Id, row.Module, SemanticVersion.Parse(row.Version), row.FileName, row.UpSql, row.DownSql, row.Checksum,
        row.Dependencies.Select(d => DependencyRef.Parse(d, row.Module)).ToList(),
        JsonSerializer.Deserialize<List<ValidationQuery>>(row.ValidationQueries, Json) ?? [],
        row.EstimatedSeconds, RiskLevels.Parse(row.DeclaredRisk), row.Transactional, row.RegisteredAt);
}
