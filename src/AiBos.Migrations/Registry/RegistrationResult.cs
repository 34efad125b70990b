using AiBos.Migrations.Validation.Lint;

namespace AiBos.Migrations.Registry;

public enum RegistrationChange { Added, Unchanged, Replaced }

/// <summary>
/// What happened to one file of a registration, with the risk the linter computed from its SQL and what it found,
/// so that whoever registers a migration sees at once what it would do to a live tenant.
/// </summary>
public sealed record RegisteredFile(string Module, string Version, string FileName, string Checksum, RegistrationChange Change,
    RiskLevel DeclaredRisk = RiskLevel.Low, RiskLevel ComputedRisk = RiskLevel.Low, IReadOnlyList<LintFinding>? Findings = null)
{
    public IReadOnlyList<LintFinding> Findings { get; init; } = Findings ?? [];
}

public sealed record RegistrationResult(IReadOnlyList<RegisteredFile> Files)
{
    /// <summary>Data and customization rules registered with the files (from a module folder).</summary>
    public IReadOnlyList<RegisteredRule> Rules { get; init; } = [];

    public int Added => Files.Count(f => f.Change == RegistrationChange.Added);
    public int Unchanged => Files.Count(f => f.Change == RegistrationChange.Unchanged);
    public int Replaced => Files.Count(f => f.Change == RegistrationChange.Replaced);
}
