using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Rollouts;

/// <summary>A rollout request that passed every check: a registered module and version, registered tenants in order, sane limits.</summary>
internal sealed record ValidRollout(string Module, SemanticVersion Target, IReadOnlyList<Tenant> Tenants, RolloutPolicy Policy, MigrationOptions Options);

/// <summary>Checks a rollout request before anything runs, and names every problem at once; a refused request changes nothing.</summary>
public sealed class RolloutValidator(MigrationRegistry registry, TenantService tenants)
{
    internal async Task<ValidRollout> ValidateAsync(RolloutRequest request, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var module = Checked(problems, () => Identifiers.ValidateModuleName(request.Module));
        if (module is not null && !await registry.ModuleExistsAsync(module, cancellationToken))
        {
            problems.Add($"Module '{module}' is not registered: register its migrations first.");
            module = null;
        }
        var target = Checked(problems, () => SemanticVersion.Parse(request.Version, "target version"));
        if (target is { IsNone: true })
            problems.Add("The target version 0.0.0 would uninstall the module: a rollout upgrades to a registered version.");
        else if (target is not null && module is not null && await registry.GetVersionsAsync(module, cancellationToken) is var versions && !versions.Contains(target))
            problems.Add($"Version {target} of module '{module}' is not registered. Registered versions: {(versions.Count == 0 ? "none" : string.Join(", ", versions))}.");

        var targeted = await TenantsAsync(request.Tenants, problems, cancellationToken);
        problems.AddRange(PolicyProblems(request.Policy, DateTimeOffset.UtcNow));
        var options = request.Options ?? new MigrationOptions();
        problems.AddRange(OptionProblems(options));
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return new ValidRollout(module!, target!, targeted, request.Policy, options);
    }

    private async Task<IReadOnlyList<Tenant>> TenantsAsync(IReadOnlyList<string>? keys, List<string> problems, CancellationToken cancellationToken)
    {
        var registered = await tenants.ListTenantsAsync(cancellationToken);
        if (keys is null)
        {
            if (registered.Count == 0) problems.Add("No tenants are registered: register tenants before rolling a module out to them.");
            return registered;
        }
        if (keys.Count == 0) problems.Add("The tenant list is empty: name at least one tenant, or leave the list out to upgrade every tenant.");
        var byKey = registered.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var valid = keys.Select(k => Checked(problems, () => Identifiers.ValidateTenantKey(k?.Trim()))).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unknown = valid.Where(k => !byKey.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            problems.Add($"{(unknown.Count == 1 ? "Tenant" : "Tenants")} {string.Join(", ", unknown.Select(k => $"'{k}'"))} {(unknown.Count == 1 ? "is" : "are")} not registered: check the keys, or register the tenants first.");
        return valid.Where(byKey.ContainsKey).Select(k => byKey[k]).ToList();
    }

    private static IEnumerable<string> PolicyProblems(RolloutPolicy policy, DateTimeOffset now)
    {
        if (policy.Canary is < 0 or > RolloutPolicy.MaxCanary)
            yield return $"The canary count {policy.Canary} is out of range: use 0 (no canary) to {RolloutPolicy.MaxCanary}.";
        if (policy.WaveSize is < 1 or > RolloutPolicy.MaxWaveSize)
            yield return $"The wave size {policy.WaveSize} is out of range: use 1 to {RolloutPolicy.MaxWaveSize:N0}.";
        if (policy.Concurrency is < 1 or > RolloutPolicy.MaxConcurrency)
            yield return $"The concurrency {policy.Concurrency} is out of range: use 1 to {RolloutPolicy.MaxConcurrency} tenants at the same time.";
        if (policy.MaxFailures < 1)
            yield return $"The failure limit {policy.MaxFailures} is out of range: use 1 or more (1 stops at the first failure).";
        if (policy.NotAfter is { } end && end <= now)
            yield return $"The window end {end.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z has already passed: give a later time.";
    }

    private static IEnumerable<string> OptionProblems(MigrationOptions options)
    {
        if (options.RollbackVersion is not null)
            yield return "A rollback version cannot be given to a rollout: each tenant's run returns to the version that tenant started from.";
        if (options.BatchSize is < 1 or > 1_000_000) yield return $"The batch size {options.BatchSize} is out of range: use 1 to 1,000,000.";
        if (options.Timeout is { } t && t <= TimeSpan.Zero) yield return "The run timeout must be positive.";
        if (options.LockTimeout is { } l && (l < TimeSpan.FromMilliseconds(10) || l > TimeSpan.FromMinutes(10)))
            yield return "The lock timeout must be between 10 ms and 10 minutes.";
        var backupType = new List<string>();
        Checked(backupType, () => Backups.BackupKinds.ParseType(options.BackupType).ToString());
        foreach (var problem in backupType) yield return problem;
    }

    private static T? Checked<T>(List<string> problems, Func<T> check) where T : class
    {
        try
        {
            return check();
        }
        catch (InvalidInputException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }
}
