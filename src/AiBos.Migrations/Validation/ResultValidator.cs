using AiBos.Migrations.Catalog;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiBos.Migrations.Validation;

/// <summary>Whether a tenant's module is what its version says: validation queries pass, schema matches the reference.</summary>
public sealed record ResultValidation(string Tenant, string Module, string Version, IReadOnlyList<string> Problems, IReadOnlyList<string> Checks)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>One tenant whose module schema differs from what its version defines.</summary>
public sealed record TenantDrift(string Tenant, string Version, IReadOnlyList<string> Differences);

/// <summary>
/// The seed's post-migration validation (<c>validateMigrationResult</c>) and the drift report across tenants.
/// </summary>
public sealed class ResultValidator(CatalogDatabase catalog, TenantService tenants, ShardConnections shards, MigrationRegistry registry)
{
    public async Task<ResultValidation> ValidateMigrationResultAsync(string tenantKey, string module, string version, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var target = SemanticVersion.Parse(version);
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        var state = await TenantHistory.ReadStateAsync(connection, tenant.Schema, cancellationToken);
        var all = await registry.GetAllMigrationsAsync(cancellationToken);
        var problems = new List<string>();
        var checks = new List<string>();
        if (state.VersionOf(module) != target) problems.Add($"Tenant '{tenant.Key}' is at version {state.VersionOf(module)} of '{module}', not {target}.");
        problems.AddRange(ValidationStep.HistoryProblems(module, target, all, state));

        foreach (var migration in all.Where(m => m.Module == module && m.Version == target))
        {
            foreach (var query in migration.ValidationQueries)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var pin = new Npgsql.NpgsqlCommand($"SET LOCAL search_path TO {Identifiers.Quote(tenant.Schema)}", connection, transaction))
                    await pin.ExecuteNonQueryAsync(cancellationToken);
                var failure = await ValidationQueries.CheckAsync(connection, transaction, query, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
                if (failure is null) checks.Add($"{migration.DisplayName}: {query.Sql.Trim()} passed");
                else problems.Add($"Validation query of {migration.DisplayName} failed: {failure}");
            }
        }

        var drift = await DriftOfAsync(connection, tenant, state, all, module, target, cancellationToken);
        if (drift.Count == 0) checks.Add($"schema matches the reference of {module} {target}");
        else problems.AddRange(drift.Select(d => $"schema drift: {d}"));
        return new ResultValidation(tenant.Key, module, target.ToString(), problems, checks);
    }

    /// <summary>Tenants of a module (at <paramref name="version"/> when given) whose schemas differ from what their version defines.</summary>
    public async Task<IReadOnlyList<TenantDrift>> DriftReportAsync(string module, string? version, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        await using var db = catalog.CreateContext();
        var installed = await db.TenantModules.AsNoTracking().Where(m => m.Module == module).ToListAsync(cancellationToken);
        if (version is not null)
        {
            var wanted = SemanticVersion.Parse(version).ToString();
            installed = installed.Where(m => m.Version == wanted).ToList();
        }
        var all = await registry.GetAllMigrationsAsync(cancellationToken);
        var report = new List<TenantDrift>();
        foreach (var row in installed.OrderBy(r => r.TenantKey, StringComparer.Ordinal))
        {
            var tenant = await tenants.GetTenantAsync(row.TenantKey, cancellationToken);
            await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
            var state = await TenantHistory.ReadStateAsync(connection, tenant.Schema, cancellationToken);
            var drift = await DriftOfAsync(connection, tenant, state, all, module, state.VersionOf(module), cancellationToken);
            if (drift.Count > 0) report.Add(new TenantDrift(tenant.Key, state.VersionOf(module).ToString(), drift));
        }
        return report;
    }

    private static async Task<IReadOnlyList<string>> DriftOfAsync(Npgsql.NpgsqlConnection connection, Tenant tenant, TenantState state,
        IReadOnlyList<RegisteredMigration> all, string module, SemanticVersion version, CancellationToken cancellationToken)
    {
        if (version.IsNone) return [];
        var reference = await ReferenceSchema.BuildAsync(connection, state, all, module, version, cancellationToken);
        return reference.Problem is { } problem
            ? [problem]
            : await ReferenceSchema.DriftAsync(connection, tenant.Schema, module, reference.Fingerprint!, cancellationToken);
    }
}
