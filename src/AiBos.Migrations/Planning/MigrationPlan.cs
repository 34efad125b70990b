using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Planning;

public enum Direction { Up, Down }

/// <summary>One migration to run in a plan: its up SQL in an upgrade, its down SQL in a downgrade.</summary>
public sealed record PlannedMigration(RegisteredMigration Migration, Direction Direction)
{
    public string Sql => Direction == Direction.Up ? Migration.UpSql : Migration.DownSql ?? "";
}

/// <summary>
/// The ordered migrations that take a tenant's module from one version to another. A plan with
/// <see cref="Problems"/> cannot run; each problem says why.
/// </summary>
public sealed record MigrationPlan(
    string Tenant, string Module, SemanticVersion From, SemanticVersion To,
    IReadOnlyList<PlannedMigration> Migrations, IReadOnlyList<string> Problems)
{
    public Direction Direction => To >= From ? Direction.Up : Direction.Down;
    public bool CanRun => Problems.Count == 0;
    public int EstimatedSeconds => Migrations.Sum(m => m.Migration.EstimatedSeconds);
    public RiskLevel DeclaredRisk => Migrations.Count == 0 ? RiskLevel.Low : Migrations.Max(m => m.Migration.DeclaredRisk);
}
