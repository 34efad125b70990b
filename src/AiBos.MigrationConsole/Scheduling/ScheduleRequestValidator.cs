using AiBos.Migrations;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.Extensions.Options;

namespace AiBos.MigrationConsole.Scheduling;

/// <summary>
/// Checks a schedule request when it is made, not hours later when it fires: the tenant, the module and both
/// versions must be registered, the window must make sense and lie ahead, the options must be ones the engine
/// takes. Every problem is named in one <see cref="InvalidInputException"/>; nothing is stored.
/// Whether the tenant is still at the from-version is decided by the engine when the schedule fires.
/// </summary>
public sealed class ScheduleRequestValidator(TenantService tenants, MigrationRegistry registry, IOptions<SchedulingOptions> options, TimeProvider time)
{
    public async Task ValidateAsync(ScheduleUpgradeRequest request, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.ScheduledBy))
            problems.Add("Say who schedules the upgrade (scheduledBy): the run is recorded as requested by scheduler:<who>.");
        else if (request.ScheduledBy.Length > 100)
            problems.Add("scheduledBy is longer than 100 characters: use a user name or client id.");

        await CheckTenantAsync(request.Tenant, problems, cancellationToken);
        await CheckModuleAndVersionsAsync(request, problems, cancellationToken);
        CheckWindow(request, problems);
        CheckOptions(request.Options ?? new MigrationOptions(), problems);

        if (problems.Count > 0) throw new InvalidInputException(problems);
    }

    private async Task CheckTenantAsync(string tenant, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await tenants.GetTenantAsync(tenant, cancellationToken);
        }
        catch (Exception e) when (e is InvalidInputException or NotFoundException)
        {
            problems.Add(e.Message);
        }
    }

    private async Task CheckModuleAndVersionsAsync(ScheduleUpgradeRequest request, List<string> problems, CancellationToken cancellationToken)
    {
        var from = Version(request.FromVersion, "from-version", problems);
        var to = Version(request.ToVersion, "target version", problems);
        if (from is not null && from == to) problems.Add($"The from-version and the target version are both {from}: nothing to upgrade.");

        try
        {
            Identifiers.ValidateModuleName(request.Module);
        }
        catch (InvalidInputException e)
        {
            problems.AddRange(e.Problems);
            return;
        }
        if (!await registry.ModuleExistsAsync(request.Module, cancellationToken))
        {
            problems.Add($"Module '{request.Module}' is not registered: register its migrations first.");
            return;
        }
        var registered = await registry.GetVersionsAsync(request.Module, cancellationToken);
        var shown = registered.Count == 0 ? "none" : string.Join(", ", registered);
        foreach (var version in new[] { from, to }.OfType<SemanticVersion>().Distinct().Where(v => !registered.Contains(v)))
            problems.Add($"Version {version} of module '{request.Module}' is not registered. Registered versions: {shown}.");
    }

    private void CheckWindow(ScheduleUpgradeRequest request, List<string> problems)
    {
        var now = time.GetUtcNow();
        var earliest = now - options.Value.PastTolerance;
        if (request.RunAt < earliest)
            problems.Add($"The start time {request.RunAt.UtcDateTime:u} is in the past (now {now.UtcDateTime:u}): choose a time from now on.");
        if (request.WindowEnd is { } end)
        {
            if (end <= request.RunAt)
                problems.Add($"The window end {end.UtcDateTime:u} is not after the start {request.RunAt.UtcDateTime:u}: the window must end after it starts.");
            else if (end <= now)
                problems.Add($"The window end {end.UtcDateTime:u} has already passed (now {now.UtcDateTime:u}): choose a window that ends in the future.");
        }
    }

    // The same limits the engine applies when the run starts, checked now so that a bad option is not found at 02:00.
    private static void CheckOptions(MigrationOptions options, List<string> problems)
    {
        if (options.BatchSize is < 1 or > 1_000_000) problems.Add($"The batch size {options.BatchSize} is out of range: use 1 to 1,000,000.");
        try
        {
            BackupKinds.ParseType(options.BackupType);
        }
        catch (InvalidInputException e)
        {
            problems.AddRange(e.Problems);
        }
        if (options.Timeout is { } t && t <= TimeSpan.Zero) problems.Add("The run timeout must be positive.");
        if (options.LockTimeout is { } l && (l < TimeSpan.FromMilliseconds(10) || l > TimeSpan.FromMinutes(10)))
            problems.Add("The lock timeout must be between 10 ms and 10 minutes.");
    }

    private static SemanticVersion? Version(string? text, string what, List<string> problems)
    {
        try
        {
            return SemanticVersion.Parse(text, what);
        }
        catch (InvalidInputException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }
}
