using AiBos.Migrations.Customizations;
using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation.Lint;
using Npgsql;

namespace AiBos.Migrations.Validation;

/// <summary>What a preview should do beyond reading: rehearse the plan on a copy (all rows, or a sample per table).</summary>
public sealed record ValidationOptions(bool Rehearse = false, int? SampleRows = null);

/// <summary>
/// The seed's pre-migration validation (<c>validateMigration</c>, <c>validate-migration -t -m -f -v</c>): a read-only
/// preview of a planned upgrade with the five checks. It takes no lock on the tenant and changes nothing.
/// </summary>
public sealed class MigrationValidator(TenantService tenants, ShardConnections shards, MigrationRegistry registry, TimeEstimator estimator,
    CustomizationImpactAnalyzer customizations, DataTransforms.DataRuleStore dataRules)
{
    public async Task<ValidationReport> ValidateMigrationAsync(string tenantKey, string module, string fromVersion, string toVersion,
        ValidationOptions? options, CancellationToken cancellationToken)
    {
        Identifiers.ValidateModuleName(module);
        var from = SemanticVersion.Parse(fromVersion, "from-version");
        var to = SemanticVersion.Parse(toVersion, "target version");
        if (options?.SampleRows is < 1) throw new InvalidInputException("The rehearsal sample must be at least 1 row per table.");
        var tenant = await tenants.GetTenantAsync(tenantKey, cancellationToken);
        if (!await registry.ModuleExistsAsync(module, cancellationToken))
            throw new NotFoundException($"Module '{module}' is not registered: register its migrations first.");
        var versions = await registry.GetVersionsAsync(module, cancellationToken);
        if (!to.IsNone && !versions.Contains(to))
            throw new InvalidInputException($"Version {to} of module '{module}' is not registered. Registered versions: {string.Join(", ", versions)}.");

        await using var connection = await shards.OpenAsync(tenant.Shard, cancellationToken);
        var state = await TenantHistory.ReadStateAsync(connection, tenant.Schema, cancellationToken);
        var all = await registry.GetAllMigrationsAsync(cancellationToken);
        var plan = MigrationPlanner.Plan(tenant.Key, module, from, to, all, state);
        var errors = new List<string>(plan.Problems);
        var warnings = new List<string>();

        var actual = state.VersionOf(module);
        if (actual != from) errors.Add($"Tenant '{tenant.Key}' is at version {actual} of '{module}', not {from}.");
        var drift = actual.IsNone ? [] : await DriftAsync(connection, tenant, state, all, module, actual, errors, cancellationToken);
        if (drift.Count > 0) errors.Add($"The tenant's '{module}' schema was changed by hand ({drift.Count} difference(s) from version {actual}): the run's validation would fail. See the drift list.");
        var unowned = await UnownedRelationsAsync(connection, tenant.Schema, cancellationToken);
        if (unowned.Count > 0) warnings.Add($"Relations that no module owns (made by hand?): {string.Join(", ", unowned)}.");

        var volume = await DataVolume.ReadAsync(connection, tenant.Schema, module, cancellationToken);
        var estimate = await estimator.EstimateAsync(plan, volume.Sum(v => v.Rows), cancellationToken);
        var risk = Assess(plan);
        foreach (var finding in risk.Findings.Where(f => f.Severity >= RiskLevel.High))
            warnings.Add($"{finding.Migration}: {finding.Message} Safer: {finding.SaferAlternative}");

        var analyzing = System.Diagnostics.Stopwatch.StartNew();
        var customizationImpact = await customizations.AnalyzeAsync(connection, tenant, state, all, plan, cancellationToken);
        var customizationTime = analyzing.Elapsed;
        if (customizationImpact.Quarantined.Count > 0)
            warnings.Add($"{customizationImpact.Quarantined.Count} customization(s) would be quarantined: "
                + string.Join("; ", customizationImpact.Quarantined.Take(5).Select(q => $"{q.Kind}/{q.Key}: {q.Reason}")) + (customizationImpact.Quarantined.Count > 5 ? " ..." : "") + ".");

        RehearsalReport? rehearsal = null;
        if (options?.Rehearse == true && plan.CanRun)
        {
            var rules = plan.Direction == Direction.Up ? await dataRules.GetRulesAsync(module, from, to, cancellationToken) : [];
            rehearsal = await Rehearsal.RunAsync(connection, tenant, plan, options.SampleRows, rules, customizationImpact, customizationTime, cancellationToken);
            if (rehearsal.Failure is { } failure) errors.Add($"Rehearsal: {failure}");
            else if (!rehearsal.RoundTripHeld)
                warnings.Add($"Rehearsal: the down plan does not return the schema to its starting point ({string.Join("; ", rehearsal.Differences)}); a rollback would have to restore the backup.");
        }

        return new ValidationReport(tenant.Key, module, from.ToString(), to.ToString(), errors, warnings,
            new CompatibilityCheck(
                plan.Migrations.Select(p => new PlannedFile(p.Migration.DisplayName, p.Direction == Direction.Up ? "up" : "down", p.Migration.DeclaredRisk,
                    MigrationLinter.ComputedRisk(MigrationLinter.Lint(p.Migration)), p.Migration.EstimatedSeconds, p.Migration.HasDown, p.Migration.Transactional)).ToList(),
                actual.ToString(), actual == from, plan.Problems, drift, unowned),
            new DataVolumeCheck(volume, estimate),
            customizationImpact,
            new DependencyCheck(Dependencies(plan, state)),
            risk, rehearsal);
    }

    private static async Task<IReadOnlyList<string>> DriftAsync(NpgsqlConnection connection, Tenant tenant, TenantState state,
        IReadOnlyList<RegisteredMigration> all, string module, SemanticVersion version, List<string> errors, CancellationToken cancellationToken)
    {
        var reference = await ReferenceSchema.BuildAsync(connection, state, all, module, version, cancellationToken);
        if (reference.Problem is { } problem)
        {
            errors.Add(problem);
            return [];
        }
        return await ReferenceSchema.DriftAsync(connection, tenant.Schema, module, reference.Fingerprint!, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> UnownedRelationsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = to_regnamespace(@schema) AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname NOT LIKE 'aibos\_%'
              AND NOT EXISTS (SELECT 1 FROM {Identifiers.Quote(schema)}.{TenantBookkeeping.ObjectsTable} o WHERE o.relation = c.relname)
            ORDER BY c.relname
            """, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }

    private static List<DependencyStatus> Dependencies(MigrationPlan plan, TenantState state)
    {
        var before = new HashSet<(string, string)>();
        var items = new List<DependencyStatus>();
        foreach (var planned in plan.Migrations.Where(p => p.Direction == Direction.Up))
        {
            foreach (var dependency in planned.Migration.Dependencies)
                items.Add(new DependencyStatus(planned.Migration.DisplayName, dependency.ToString(),
                    before.Contains((dependency.Module, dependency.File)) || state.IsApplied(dependency.Module, dependency.File)));
            before.Add((planned.Migration.Module, planned.Migration.FileName));
        }
        return items;
    }

    private static RiskAssessment Assess(MigrationPlan plan)
    {
        var findings = plan.Migrations.SelectMany(p =>
        {
            var (sql, undo) = p.Direction == Direction.Up ? (p.Migration.UpSql, p.Migration.DownSql) : (p.Migration.DownSql ?? "", p.Migration.UpSql);
            return MigrationLinter.Lint(sql, undo, p.Migration.Transactional)
                .Select(f => new MigrationFinding(p.Migration.DisplayName, f.Rule, f.Severity, f.Statement, f.Message, f.SaferAlternative));
        }).ToList();
        return new RiskAssessment(plan.DeclaredRisk, findings.Select(f => f.Severity).DefaultIfEmpty(RiskLevel.Low).Max(), findings);
    }
}
