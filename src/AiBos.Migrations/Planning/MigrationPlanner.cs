using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Planning;

/// <summary>
/// Orders migrations for an upgrade or a downgrade. Pure: it reads nothing, so the rules are testable on their own.
/// Upgrade: A &lt; version &lt;= B, by version, then dependencies, then file name.
/// Downgrade: A &gt;= version &gt; B, the reverse of that order, using down SQL.
/// </summary>
public static class MigrationPlanner
{
    public static MigrationPlan Plan(
        string tenant, string module, SemanticVersion from, SemanticVersion to,
        IReadOnlyList<RegisteredMigration> registry, TenantState state)
    {
        var problems = new List<string>();
        var ofModule = registry.Where(m => m.Module == module).ToList();
        var upward = from <= to;
        var (low, high) = upward ? (from, to) : (to, from);
        var selected = Order(ofModule.Where(m => m.Version > low && m.Version <= high).ToList());

        CheckChecksums(module, ofModule, state, problems);
        List<PlannedMigration> planned;
        if (upward)
        {
            planned = selected.Select(m => new PlannedMigration(m, Direction.Up)).ToList();
            CheckUpDependencies(planned, registry, state, problems);
        }
        else
        {
            // Only what the tenant has applied is undone: down SQL of a file it never ran would break it.
            selected = selected.Where(m => state.IsApplied(m.Module, m.FileName)).ToList();
            selected.Reverse();
            planned = selected.Select(m => new PlannedMigration(m, Direction.Down)).ToList();
            foreach (var m in selected.Where(m => !m.HasDown))
                problems.Add($"{m.DisplayName} has no down SQL, so the module cannot be downgraded past version {m.Version}: register a .down.sql for it or restore a backup instead.");
            CheckDownDependents(selected, registry, state, problems);
        }
        return new MigrationPlan(tenant, module, from, to, planned, problems);
    }

    /// <summary>By version, then dependencies within the version, then file name (a stable topological order).</summary>
    private static List<RegisteredMigration> Order(List<RegisteredMigration> migrations)
    {
        var ordered = new List<RegisteredMigration>();
        foreach (var group in migrations.GroupBy(m => m.Version).OrderBy(g => g.Key))
        {
            var pending = group.OrderBy(m => m.FileName, StringComparer.Ordinal).ToList();
            var inGroup = pending.Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
            var done = new HashSet<string>(StringComparer.Ordinal);
            while (pending.Count > 0)
            {
                // The first file (by name) whose same-version dependencies are all placed; the registry refuses cycles.
                var next = pending.FirstOrDefault(m => m.Dependencies
                    .Where(d => d.Module == m.Module && inGroup.Contains(d.File))
                    .All(d => done.Contains(d.File))) ?? pending[0];
                ordered.Add(next);
                done.Add(next.FileName);
                pending.Remove(next);
            }
        }
        return ordered;
    }

    private static void CheckChecksums(string module, List<RegisteredMigration> ofModule, TenantState state, List<string> problems)
    {
        var byFile = ofModule.ToDictionary(m => m.FileName, StringComparer.Ordinal);
        foreach (var applied in state.Applied.Where(a => a.Module == module))
        {
            if (!byFile.TryGetValue(applied.FileName, out var registered))
                problems.Add($"The tenant has {module}:{applied.Version}/{applied.FileName} applied, but the registry no longer has that file: register it again.");
            else if (registered.Checksum != applied.Checksum)
                problems.Add($"The checksum of {registered.DisplayName} in the tenant's history ({Short(applied.Checksum)}) no longer matches the registry ({Short(registered.Checksum)}): the registered SQL changed after it was applied.");
        }
    }

    private static void CheckUpDependencies(List<PlannedMigration> planned, IReadOnlyList<RegisteredMigration> registry, TenantState state, List<string> problems)
    {
        var inPlan = planned.Select(p => (p.Migration.Module, p.Migration.FileName)).ToHashSet();
        foreach (var migration in planned.Select(p => p.Migration))
        {
            foreach (var dependency in migration.Dependencies)
            {
                if (inPlan.Contains((dependency.Module, dependency.File)) || state.IsApplied(dependency.Module, dependency.File)) continue;
                var target = registry.FirstOrDefault(m => m.Module == dependency.Module && m.FileName == dependency.File);
                var name = target?.DisplayName ?? dependency.ToString();
                problems.Add(dependency.Module == migration.Module
                    ? $"{migration.DisplayName} needs {name}, which the tenant has not applied and this plan does not include."
                    : $"{migration.DisplayName} needs {name} of module '{dependency.Module}', which the tenant has not applied: upgrade '{dependency.Module}' first.");
            }
        }
    }

    private static void CheckDownDependents(List<RegisteredMigration> removed, IReadOnlyList<RegisteredMigration> registry, TenantState state, List<string> problems)
    {
        var removedKeys = removed.Select(m => (m.Module, m.FileName)).ToHashSet();
        foreach (var applied in state.Applied)
        {
            if (removedKeys.Contains((applied.Module, applied.FileName))) continue;
            var registered = registry.FirstOrDefault(m => m.Module == applied.Module && m.FileName == applied.FileName);
            foreach (var dependency in registered?.Dependencies ?? [])
            {
                if (removedKeys.Contains((dependency.Module, dependency.File)))
                    problems.Add($"{registered!.DisplayName} is applied and needs {dependency}, which this downgrade would remove: downgrade '{registered.Module}' first.");
            }
        }
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
