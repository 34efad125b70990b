using System.Globalization;
using AiBos.MigrationConsole.Components.Upgrade;
using AiBos.Migrations.Rollouts;

namespace AiBos.MigrationConsole.Components.Rollouts;

/// <summary>The "Start rollout" form: module, target version, which tenants, the pacing policy and the runs' options.</summary>
public sealed class RolloutForm
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    public string? Module { get; set; }
    public string? Version { get; set; }
    public bool AllTenants { get; set; } = true;
    public IReadOnlyCollection<string> ChosenTenants { get; set; } = [];
    public int Canary { get; set; } = new RolloutPolicy().Canary;
    public int WaveSize { get; set; } = new RolloutPolicy().WaveSize;
    public int Concurrency { get; set; } = new RolloutPolicy().Concurrency;
    public int MaxFailures { get; set; } = new RolloutPolicy().MaxFailures;
    public string? WindowEnd { get; set; }

    /// <summary>The options of every tenant's run (tenant and versions of this form are not used: each tenant starts from its own).</summary>
    public UpgradeForm Run { get; } = new();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Module)) problems.Add("Choose the module to roll out.");
        if (string.IsNullOrWhiteSpace(Version)) problems.Add("Choose the version to roll out (To).");
        if (!AllTenants && ChosenTenants.Count == 0) problems.Add("Choose at least one tenant, or target all tenants.");
        if (Canary is < 0 or > RolloutPolicy.MaxCanary) problems.Add($"Canary must be between 0 and {RolloutPolicy.MaxCanary} tenants.");
        if (WaveSize is < 1 or > RolloutPolicy.MaxWaveSize) problems.Add($"Wave size must be between 1 and {RolloutPolicy.MaxWaveSize} tenants.");
        if (Concurrency is < 1 or > RolloutPolicy.MaxConcurrency) problems.Add($"Concurrency must be between 1 and {RolloutPolicy.MaxConcurrency} runs at a time.");
        if (MaxFailures < 1) problems.Add("Max failures must be at least 1 (the rollout stops when that many tenants have failed).");
        if (!string.IsNullOrWhiteSpace(WindowEnd) && ParseWindowEnd() is null)
            problems.Add($"Window end '{WindowEnd}' is not a time: write it as {TimeFormat} (UTC), or leave it empty.");
        if (Run.BatchSize is <= 0) problems.Add("Batch size must be a positive number of rows, or empty for the engine's adaptive batches.");
        if (!UpgradeForm.BackupChoices.Contains(Run.Backup)) problems.Add($"Backup must be one of {string.Join(", ", UpgradeForm.BackupChoices)}.");
        return problems;
    }

    public RolloutRequest ToRequest(string requestedBy) => new(Module!, Version!)
    {
        Tenants = AllTenants ? null : [.. ChosenTenants],
        Policy = new RolloutPolicy { Canary = Canary, WaveSize = WaveSize, Concurrency = Concurrency, MaxFailures = MaxFailures, NotAfter = ParseWindowEnd() },
        Options = Run.ToOptions(requestedBy),
    };

    private DateTimeOffset? ParseWindowEnd() =>
        DateTime.TryParseExact(WindowEnd?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
}
