using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;
using AiBos.Migrations.Validation;
using Npgsql;

namespace AiBos.Migrations.Execution;

/// <summary>
/// Verifies the run before it may be called completed: the plan's validation queries pass (read-only), and the
/// tenant's own history holds exactly the module's migrations up to the target version. Only then is the tenant's
/// module version moved, in the tenant schema.
/// </summary>
public sealed class ValidationStep : IRunStep
{
    public string Kind => "validation";
    public string Name => "Validate Migration";
    public int Order => 50;

    public bool AppliesTo(RunContext context) => true;

    public async Task ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var queries = context.Plan.Direction == Direction.Up
            ? context.Plan.Migrations.SelectMany(p => p.Migration.ValidationQueries.Select(q => (p.Migration, Query: q))).ToList()
            : [];
        var done = 0;
        foreach (var (migration, query) in queries)
        {
            var failure = await context.Sql.InTransactionAsync(Kind, (connection, transaction, ct) =>
                ValidationQueries.CheckAsync(connection, transaction, query, ct), cancellationToken);
            if (failure is not null)
                throw new StepFailedException($"Validation query of {migration.DisplayName} failed: {failure}");
            await context.ReportProgressAsync(++done, queries.Count, $"Checked {migration.FileName}", cancellationToken);
        }

        var state = await TenantHistory.ReadStateAsync(context.Session.Connection, context.Tenant.Schema, cancellationToken);
        var problems = HistoryProblems(context, state);
        if (problems.Count > 0) throw new StepFailedException(string.Join(" ", problems));
        await CheckReferenceAsync(context, state, cancellationToken);

        await context.Sql.InTransactionAsync(Kind, async (connection, transaction, ct) =>
        {
            await TenantHistory.SetVersionAsync(connection, transaction, context.Tenant.Schema, context.Module, context.Plan.To, context.RunId, ct);
            return 0;
        }, cancellationToken);
    }

    public async Task RollbackAsync(RunContext context, CancellationToken cancellationToken) =>
        await context.Sql.InTransactionAsync(Kind, async (connection, transaction, ct) =>
        {
            await TenantHistory.SetVersionAsync(connection, transaction, context.Tenant.Schema, context.Module, context.Plan.From, context.RunId, ct);
            return 0;
        }, cancellationToken);

    /// <summary>The tenant's module objects must be exactly what the version's migrations produce on an empty schema.</summary>
    private static async Task CheckReferenceAsync(RunContext context, TenantState state, CancellationToken cancellationToken)
    {
        if (context.Plan.To.IsNone) return;
        var reference = await ReferenceSchema.BuildAsync(context.Session.Connection, state, context.Registry, context.Module, context.Plan.To, cancellationToken);
        if (reference.Problem is { } problem) throw new StepFailedException(problem);
        var drift = await ReferenceSchema.DriftAsync(context.Session.Connection, context.Tenant.Schema, context.Module, reference.Fingerprint!, cancellationToken);
        if (drift.Count > 0)
            throw new StepFailedException($"The tenant's {context.Module} schema differs from what version {context.Plan.To} defines: {string.Join("; ", drift.Take(10))}{(drift.Count > 10 ? $" (and {drift.Count - 10} more)" : "")}.");
        await context.ReportProgressAsync(1, 1, $"Schema matches the reference of {context.Module} {context.Plan.To}", cancellationToken);
    }

    /// <summary>Differences between the migrations the tenant has applied and those its target version needs.</summary>
    internal static List<string> HistoryProblems(RunContext context, TenantState state) =>
        HistoryProblems(context.Module, context.Plan.To, context.Registry, state);

    internal static List<string> HistoryProblems(string module, SemanticVersion version, IReadOnlyList<RegisteredMigration> registry, TenantState state)
    {
        var expected = registry.Where(m => m.Module == module && m.Version <= version).Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
        var actual = state.Applied.Where(a => a.Module == module).Select(a => a.FileName).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) problems.Add($"The tenant's history lacks {string.Join(", ", missing)} of {module} {version}.");
        if (extra.Count > 0) problems.Add($"The tenant's history has {string.Join(", ", extra)}, which {module} {version} does not include.");
        return problems;
    }
}

/// <summary>Runs validation queries read-only and judges their result.</summary>
public static class ValidationQueries
{
    /// <summary>Null when the query passes; otherwise what went wrong, for people.</summary>
    /// <remarks>
    /// With <paramref name="countsViolations"/> (data rules, whose seed example is
    /// <c>SELECT COUNT(*) FROM financial_reports WHERE value IS NULL</c>), a query without an expected value that
    /// returns a number counts the rows that break the rule, so it passes only when that number is 0.
    /// </remarks>
    public static async Task<string?> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ValidationQuery query, CancellationToken cancellationToken,
        bool countsViolations = false)
    {
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        return await EvaluateAsync(connection, transaction, query, cancellationToken, countsViolations);
    }

    /// <summary>Runs the query in the caller's transaction (which the caller keeps read-only or throws away) and judges it.</summary>
    public static async Task<string?> EvaluateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ValidationQuery query, CancellationToken cancellationToken,
        bool countsViolations = false)
    {
        object? value = null;
        try
        {
            await using var command = new NpgsqlCommand(query.Sql, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.FieldCount > 0)
                value = reader.IsDBNull(0) ? null : reader.GetValue(0);
        }
        catch (PostgresException e)
        {
            return $"`{query.Sql.Trim()}` raised an error: {e.MessageText} (SQLSTATE {e.SqlState}).";
        }
        if (query.Expect is { } expected)
        {
            var actual = value switch
            {
                null => "null",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            return actual == expected ? null : $"`{query.Sql.Trim()}` returned {actual}, expected {expected}.";
        }
        if (countsViolations && value is long or int or short or decimal && Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) != 0)
            return $"`{query.Sql.Trim()}` found {value} row(s) that break the rule (it must return 0).";
        return value is false ? $"`{query.Sql.Trim()}` returned false." : null;
    }
}
