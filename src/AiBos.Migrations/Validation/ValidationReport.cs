using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation;

/// <summary>
/// The preview of a planned upgrade (the seed's <c>validateMigration</c>): valid or not, why, and the five checks.
/// </summary>
public sealed record ValidationReport(
    string Tenant, string Module, string FromVersion, string ToVersion,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings,
    CompatibilityCheck Compatibility, DataVolumeCheck DataVolume, CustomizationCheck Customizations,
    DependencyCheck Dependencies, RiskAssessment Risk, RehearsalReport? Rehearsal)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The plan exists, the tenant is at the from-version, its history and schema are what they should be.</summary>
public sealed record CompatibilityCheck(
    IReadOnlyList<PlannedFile> Plan, string ActualVersion, bool AtFromVersion,
    IReadOnlyList<string> HistoryProblems, IReadOnlyList<string> Drift, IReadOnlyList<string> UnownedRelations);

public sealed record PlannedFile(string Migration, string Direction, RiskLevel DeclaredRisk, RiskLevel ComputedRisk, int EstimatedSeconds, bool HasDown, bool Transactional);

/// <summary>Rows and bytes of the module's tables, and how long the plan should take on them.</summary>
public sealed record DataVolumeCheck(IReadOnlyList<TableVolume> Tables, TimeEstimate Estimate)
{
    public long Rows => Tables.Sum(t => t.Rows);
    public long Bytes => Tables.Sum(t => t.Bytes);
}

public sealed record TimeEstimate(TimeSpan Total, IReadOnlyList<MigrationEstimate> Migrations);

/// <summary>One migration's estimate and what it rests on (declared, or measured on other tenants).</summary>
public sealed record MigrationEstimate(string Migration, TimeSpan Estimate, string Basis);

/// <summary>Which of the tenant's customizations the plan changes and which it would quarantine, with the reason.</summary>
public sealed record CustomizationCheck(bool Available, string Note)
{
    public IReadOnlyList<CustomizationImpact> Changed { get; init; } = [];
    public IReadOnlyList<CustomizationImpact> Quarantined { get; init; } = [];
    /// <summary>Documents the plan only moves to the target version, content unchanged.</summary>
    public int Unchanged { get; init; }
}

/// <summary>One document the plan affects ("kind/key"); the reason is set for those it would quarantine.</summary>
public sealed record CustomizationImpact(string Kind, string Key, string? Reason = null);

public sealed record DependencyCheck(IReadOnlyList<DependencyStatus> Items)
{
    public bool Satisfied => Items.All(i => i.Satisfied);
}

public sealed record DependencyStatus(string Migration, string Requires, bool Satisfied);

/// <summary>The run's risk: the higher of the declared and the computed one, with every lint finding.</summary>
public sealed record RiskAssessment(RiskLevel Declared, RiskLevel Computed, IReadOnlyList<MigrationFinding> Findings)
{
    public RiskLevel Overall => Declared > Computed ? Declared : Computed;
}

public sealed record MigrationFinding(string Migration, string Rule, RiskLevel Severity, string Statement, string Message, string SaferAlternative);
