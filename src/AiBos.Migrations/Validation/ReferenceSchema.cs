using System.Text.RegularExpressions;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>
/// What a module's schema should be at a version: its registered migrations (and those of the other modules the
/// tenant has, at their versions) replayed on an empty scratch schema, inside a transaction that is always rolled
/// back, so nothing is left behind even when the build fails or its process dies.
/// </summary>
public static partial class ReferenceSchema
{
    /// <summary>The reference fingerprint of <paramref name="module"/> at <paramref name="version"/>; Problem is set when it cannot be built.</summary>
    public sealed record Result(SchemaFingerprint? Fingerprint, string? Problem);

    [GeneratedRegex(@"\bCONCURRENTLY\b", RegexOptions.IgnoreCase)]
    private static partial Regex Concurrently();

    public static async Task<Result> BuildAsync(NpgsqlConnection connection, TenantState state, IReadOnlyList<RegisteredMigration> registry,
        string module, SemanticVersion version, CancellationToken cancellationToken)
    {
        var targets = state.ModuleVersions.Where(m => m.Key != module).ToDictionary(m => m.Key, m => m.Value);
        if (!version.IsNone) targets[module] = version;
        var (fingerprint, problem) = await InspectAsync(connection, state, registry, module, targets,
            (transaction, scratch, owned, ct) => SchemaFingerprint.ReadAsync(connection, transaction, scratch, owned, ct), cancellationToken);
        return new Result(fingerprint, problem);
    }

    /// <summary>
    /// Replays <paramref name="targets"/> (module -> version) on a scratch schema and lets <paramref name="inspect"/> look
    /// at it (the scratch schema's name and the relations <paramref name="module"/> owns there) before everything is
    /// rolled back. The scratch schema is on the transaction's search_path. Problem is set when the replay fails.
    /// </summary>
    public static async Task<(T? Value, string? Problem)> InspectAsync<T>(NpgsqlConnection connection, TenantState state,
        IReadOnlyList<RegisteredMigration> registry, string module, IReadOnlyDictionary<string, SemanticVersion> targets,
        Func<NpgsqlTransaction, string, IReadOnlyCollection<string>, CancellationToken, Task<T>> inspect, CancellationToken cancellationToken)
    {
        var queues = targets.ToDictionary(
            t => t.Key,
            t => new Queue<RegisteredMigration>(MigrationPlanner.Plan("reference", t.Key, SemanticVersion.None, t.Value, registry, state).Migrations.Select(p => p.Migration)));

        var scratch = $"aibos_ref_{Guid.NewGuid():N}";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await SqlCommands.ExecuteAsync(connection, transaction, $"CREATE SCHEMA {Identifiers.Quote(scratch)}; SET LOCAL search_path TO {Identifiers.Quote(scratch)}", cancellationToken);
            var applied = new HashSet<(string, string)>();
            var owned = new HashSet<string>(StringComparer.Ordinal);
            while (queues.Values.Any(q => q.Count > 0))
            {
                var next = queues.Values.Where(q => q.Count > 0).Select(q => q.Peek())
                    .FirstOrDefault(m => m.Dependencies.All(d => applied.Contains((d.Module, d.File)) || !queues.ContainsKey(d.Module) && state.IsApplied(d.Module, d.File)));
                if (next is null)
                    return (default, "The migrations cannot be ordered on an empty schema: " + string.Join(", ", queues.Values.Where(q => q.Count > 0).Select(q => q.Peek().DisplayName)) + " wait on each other.");
                queues[next.Module].Dequeue();
                var before = await ModuleObjects.ReadRelationsAsync(connection, transaction, scratch, cancellationToken);
                var sql = next.Transactional ? next.UpSql : Concurrently().Replace(next.UpSql, "");
                try
                {
                    await SqlCommands.ExecuteAsync(connection, transaction, sql, cancellationToken);
                }
                catch (PostgresException e)
                {
                    return (default, $"{next.DisplayName} fails on an empty schema, so no reference can be built: {e.MessageText} (SQLSTATE {e.SqlState}).");
                }
                applied.Add((next.Module, next.FileName));
                if (next.Module == module)
                    owned.UnionWith((await ModuleObjects.ReadRelationsAsync(connection, transaction, scratch, cancellationToken)).Except(before));
                else
                    owned.ExceptWith(before.Except(await ModuleObjects.ReadRelationsAsync(connection, transaction, scratch, cancellationToken)));
            }
            var present = await ModuleObjects.ReadRelationsAsync(connection, transaction, scratch, cancellationToken);
            owned.IntersectWith(present);
            return (await inspect(transaction, scratch, owned, cancellationToken), null);
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
                await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The versions to replay for a module version on its own (at registration, with no tenant): the module at
    /// <paramref name="version"/> and every other module its migrations depend on, at the version of that dependency.
    /// </summary>
    public static IReadOnlyDictionary<string, SemanticVersion> TargetsFor(string module, SemanticVersion version, IReadOnlyList<RegisteredMigration> registry)
    {
        var targets = new Dictionary<string, SemanticVersion>(StringComparer.Ordinal) { [module] = version };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (name, upTo) in targets.ToList())
            foreach (var dependency in registry.Where(r => r.Module == name && r.Version <= upTo).SelectMany(r => r.Dependencies).Where(d => d.Module != name))
            {
                var needed = registry.FirstOrDefault(r => r.Module == dependency.Module && r.FileName == dependency.File)?.Version;
                if (needed is null || targets.TryGetValue(dependency.Module, out var have) && have >= needed) continue;
                targets[dependency.Module] = needed;
                changed = true;
            }
        }
        return targets;
    }

    /// <summary>Differences between a tenant's module objects and the reference, each naming the object.</summary>
    public static async Task<IReadOnlyList<string>> DriftAsync(NpgsqlConnection connection, string schema, string module, SchemaFingerprint reference,
        CancellationToken cancellationToken)
    {
        var relations = await ModuleObjects.OfModuleAsync(connection, null, schema, module, cancellationToken);
        var actual = await SchemaFingerprint.ReadAsync(connection, null, schema, relations, cancellationToken);
        return reference.Diff(actual);
    }
}
