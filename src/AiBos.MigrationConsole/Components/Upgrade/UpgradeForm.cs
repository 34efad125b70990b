using AiBos.Migrations.Execution;

namespace AiBos.MigrationConsole.Components.Upgrade;

/// <summary>The New upgrade form: what the user chose, checked before anything is sent to the engine.</summary>
public sealed class UpgradeForm
{
    /// <summary>The "backup" choice that skips the run's backup.</summary>
    public const string NoBackup = "none";
    public static readonly IReadOnlyList<string> BackupChoices = ["full", "incremental", "schema-only", NoBackup];

    public string? Tenant { get; set; }
    public string? Module { get; set; }
    public string? FromVersion { get; set; }
    public string? ToVersion { get; set; }
    public string Backup { get; set; } = "full";
    public bool RollbackOnFailure { get; set; } = true;
    public int? BatchSize { get; set; }
    public bool Rehearse { get; set; }

    /// <summary>Every problem with the form, each saying what to fix; empty when it can be sent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Tenant)) problems.Add("Choose the tenant to upgrade.");
        if (string.IsNullOrWhiteSpace(Module)) problems.Add("Choose the module to upgrade.");
        if (string.IsNullOrWhiteSpace(FromVersion)) problems.Add("Choose the version the tenant runs now (From).");
        if (string.IsNullOrWhiteSpace(ToVersion)) problems.Add("Choose the version to upgrade to (To).");
        else if (ToVersion == FromVersion) problems.Add("From and To are the same version: choose another target version.");
        if (BatchSize is <= 0) problems.Add("Batch size must be a positive number of rows, or empty for the engine's adaptive batches.");
        if (!BackupChoices.Contains(Backup)) problems.Add($"Backup must be one of {string.Join(", ", BackupChoices)}.");
        return problems;
    }

    public MigrationOptions ToOptions(string requestedBy) => new()
    {
        RollbackOnFailure = RollbackOnFailure,
        SkipBackup = Backup == NoBackup,
        BackupType = Backup == NoBackup ? "full" : Backup,
        BatchSize = BatchSize,
        RequestedBy = requestedBy,
    };

    /// <summary>What the preview was made for: a preview is stale once any of these change.</summary>
    public string Key => $"{Tenant}|{Module}|{FromVersion}|{ToVersion}";
}
