namespace AiBos.Migrations.Registry;

/// <summary>Finds unknown dependencies and cycles among migrations, naming them.</summary>
internal static class DependencyGraph
{
    public sealed record Node(string Module, string File, SemanticVersion Version, IReadOnlyList<DependencyRef> Dependencies)
    {
        public string Key => $"{Module}/{File}";
        public override string ToString() => $"{Module}:{Version}/{File}";
    }

    public static List<string> FindProblems(IReadOnlyCollection<Node> nodes)
    {
        var problems = new List<string>();
        var byKey = nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var targets = edges[node.Key] = [];
            foreach (var dependency in node.Dependencies)
            {
                if (!byKey.TryGetValue($"{dependency.Module}/{dependency.File}", out var target))
                {
                    problems.Add($"{node} depends on {dependency}, which is not registered: register it first or fix the name.");
                    continue;
                }
                if (dependency.Version is { } version && SemanticVersion.TryParse(version, out var parsed) && parsed != target.Version)
                {
                    problems.Add($"{node} depends on {dependency}, but that file belongs to version {target.Version}.");
                    continue;
                }
                if (target.Module == node.Module && target.Version > node.Version)
                {
                    problems.Add($"{node} depends on {target}, a later version of the same module: a migration can only depend on its own or earlier versions.");
                    continue;
                }
                targets.Add(target.Key);
            }
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        foreach (var node in nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (FindCycle(node.Key, edges, state, path) is { } cycle)
            {
                problems.Add($"Dependency cycle: {string.Join(" -> ", cycle.Select(k => byKey[k].ToString()))}. Remove one of these dependencies.");
                break;
            }
        }
        return problems;
    }

    private static List<string>? FindCycle(string key, Dictionary<string, List<string>> edges, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(key, out var seen))
            return seen == 1 ? [.. path.Skip(path.IndexOf(key)), key] : null;
        state[key] = 1;
        path.Add(key);
        foreach (var next in edges[key])
        {
            if (FindCycle(next, edges, state, path) is { } cycle) return cycle;
        }
        path.RemoveAt(path.Count - 1);
        state[key] = 2;
        return null;
    }
}
