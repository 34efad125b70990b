using AiBos.Migrations.Registry;

namespace AiBos.MigrationConsole.Api.Modules;

/// <summary>One registered schema migration file (its SQL is not repeated here; the checksum identifies it).</summary>
public sealed record MigrationFileDocument(
    string FileName, string Checksum, bool HasDown, bool Transactional, RiskLevel DeclaredRisk, int EstimatedSeconds,
    IReadOnlyList<string> Dependencies, IReadOnlyList<ValidationQuery> ValidationQueries, DateTimeOffset RegisteredAt)
{
    public static MigrationFileDocument From(RegisteredMigration m) => new(
        m.FileName, m.Checksum, m.HasDown, m.Transactional, m.DeclaredRisk, m.EstimatedSeconds,
        m.Dependencies.Select(d => d.ToString()).ToList(), m.ValidationQueries, m.RegisteredAt);
}
