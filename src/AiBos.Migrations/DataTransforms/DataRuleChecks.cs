using System.Text.RegularExpressions;
using AiBos.Migrations.Execution;
using AiBos.Migrations.Tenancy;
using Npgsql;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// The checks a data rule passes before it is registered: first its text alone (names, type, batch size,
/// conditions), then against the module's schema at the rule's version (<see cref="CheckSchemaAsync"/>): tables and
/// columns exist, mapped types are assignable, conditions are boolean expressions the database accepts, and the
/// validation queries parse. Every problem names the rule and what to fix.
/// </summary>
public static partial class DataRuleChecks
{
    public const int MaxBatchSize = 1_000_000;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex NamePattern();

    /// <summary>Problems found in the rule's text alone.</summary>
    public static List<string> CheckText(DataRule rule, string where)
    {
        var problems = new List<string>();
        var at = $"{where}, rule '{Shorten(rule.Id)}'";
        if (!RuleIdPattern().IsMatch(rule.Id))
            problems.Add($"{where}: the rule id '{Shorten(rule.Id)}' is not valid: use letters, digits, '_', '-' and '.' (at most 100), e.g. transform_1.");
        CheckName(problems, at, "sourceTable", rule.SourceTable, "table");
        CheckName(problems, at, "targetTable", rule.TargetTable, "table");
        if (rule.SourceTable == rule.TargetTable && rule.SourceTable.Length > 0)
            problems.Add($"{at}: the source and target tables are both '{rule.SourceTable}'; change rows in place with an UPDATE in a schema migration instead.");
        if (!DataRule.Types.Contains(rule.TransformationType))
            problems.Add($"{at}: transformationType '{Shorten(rule.TransformationType)}' is not supported; use one of: {string.Join(", ", DataRule.Types)}.");
        if (rule.TransformationType == DataRule.Transform && rule.Mapping.Count == 0)
            problems.Add($"{at}: a transform needs a mapping of source columns to target columns, e.g. {{\"entry_id\": \"id\"}}.");
        foreach (var m in rule.Mapping)
        {
            CheckName(problems, at, $"mapping source '{Shorten(m.Source)}'", m.Source, "column");
            CheckName(problems, at, $"mapping target of '{Shorten(m.Source)}'", m.Target, "column");
        }
        foreach (var twice in rule.Mapping.GroupBy(m => m.Target).Where(g => g.Count() > 1))
            problems.Add($"{at}: the target column '{twice.Key}' is mapped from {string.Join(" and ", twice.Select(m => m.Source))}; map each target column once.");
        if (rule.BatchSize is < 1 or > MaxBatchSize)
            problems.Add($"{at}: batchSize {rule.BatchSize} is out of range; use 1 to {MaxBatchSize:N0}.");
        foreach (var condition in rule.Conditions)
            if (ConditionGuard.Problem(condition) is { } problem)
                problems.Add($"{at}: the condition `{Shorten(condition, 80)}` is refused: {problem}");
        foreach (var query in rule.ValidationQueries)
            if (string.IsNullOrWhiteSpace(query.Sql) || SqlStatements.Split(query.Sql).Count != 1)
                problems.Add($"{at}: the validation query `{Shorten(query.Sql, 80)}` must be exactly one SELECT statement.");
        return problems;
    }

    /// <summary>
    /// Problems found against <paramref name="schema"/> (a scratch schema holding the module at the rule's version, on
    /// the transaction's search_path); <paramref name="moduleTables"/> are the relations the module owns there.
    /// Every probe runs under a savepoint so that one failure does not hide the next.
    /// </summary>
    public static async Task<List<string>> CheckSchemaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyCollection<string> moduleTables, DataRule rule, string where, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var at = $"{where}, rule '{rule.Id}'";
        var tables = string.Join(", ", moduleTables.Order(StringComparer.Ordinal));
        var source = await ShapeOfModuleTableAsync(rule.SourceTable, "sourceTable");
        var target = await ShapeOfModuleTableAsync(rule.TargetTable, "targetTable");
        if (source is null || target is null) return problems;

        if (source.PrimaryKey.Count == 0)
            problems.Add($"{at}: the source table '{source.Table}' has no primary key; rows are read in key order so that a run can resume where it stopped.");
        if (target.PrimaryKey.Count == 0)
            problems.Add($"{at}: the target table '{target.Table}' has no primary key; it is needed so that a rule run twice never writes a row twice.");
        var mapping = ResolveMapping(rule, source, target);
        if (mapping.Count == 0)
            problems.Add($"{at}: '{source.Table}' and '{target.Table}' share no column to copy; give a mapping.");
        foreach (var m in mapping)
        {
            if (source.Column(m.Source) is null)
                problems.Add($"{at}: the source column '{m.Source}' does not exist in '{source.Table}' (its columns: {string.Join(", ", source.Columns.Select(c => c.Name))}).");
            var column = target.Column(m.Target);
            if (column is null)
                problems.Add($"{at}: the target column '{m.Target}' does not exist in '{target.Table}' (its columns: {string.Join(", ", target.Columns.Select(c => c.Name))}).");
            else if (column.Generated)
                problems.Add($"{at}: the target column '{m.Target}' is generated (or an identity GENERATED ALWAYS) and cannot be written; leave it out of the mapping.");
        }
        foreach (var required in target.Columns.Where(c => c.NotNull && !c.HasDefault && !c.Generated && mapping.All(m => m.Target != c.Name)))
            problems.Add($"{at}: the target column '{required.Name}' is NOT NULL without a default and no source column is mapped to it.");
        if (problems.Count > 0) return problems;

        foreach (var m in mapping)
            await ProbeAsync($"EXPLAIN INSERT INTO {target.Quoted} ({Identifiers.Quote(m.Target)}) SELECT {Identifiers.Quote(m.Source)} FROM {source.Quoted}",
                e => $"{at}: the mapping '{m.Source}' -> '{m.Target}' does not fit: {e.MessageText}.");
        foreach (var condition in rule.Conditions)
            await ProbeAsync($"EXPLAIN SELECT 1 FROM {source.Quoted} WHERE ({condition})",
                e => $"{at}: the condition `{Shorten(condition, 80)}` is not a boolean expression over '{source.Table}': {e.MessageText}.{Hint(e, condition)}");
        foreach (var query in rule.ValidationQueries)
            await ProbeAsync($"EXPLAIN {query.Sql.Trim().TrimEnd(';')}",
                e => $"{at}: the validation query `{Shorten(query.Sql, 80)}` fails on the module's schema: {e.MessageText}.");
        return problems;

        async Task<TableShape?> ShapeOfModuleTableAsync(string table, string field)
        {
            var shape = moduleTables.Contains(table) ? await TableShape.ReadAsync(connection, transaction, schema, table, cancellationToken) : null;
            if (shape is null)
                problems.Add($"{at}: {field} '{table}' is not a table of the module at this version (its tables: {(tables.Length == 0 ? "none" : tables)}).");
            return shape;
        }

        async Task ProbeAsync(string sql, Func<PostgresException, string> describe)
        {
            await transaction.SaveAsync("probe", cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.ReleaseAsync("probe", cancellationToken);
            }
            catch (PostgresException e)
            {
                await transaction.RollbackAsync("probe", cancellationToken);
                problems.Add(describe(e));
            }
        }
    }

    /// <summary>The mapping a rule applies: its own, or for a copy without one, every writable column both tables have.</summary>
    public static IReadOnlyList<ColumnMapping> ResolveMapping(DataRule rule, TableShape source, TableShape target) =>
        rule.Mapping.Count > 0 || rule.TransformationType != DataRule.Copy
            ? rule.Mapping
            : target.Columns.Where(c => !c.Generated && source.Column(c.Name) is not null).Select(c => new ColumnMapping(c.Name, c.Name)).ToList();

    // The seed writes `status = "active"`: in SQL double quotes name a column, so say how to write a string.
    private static string Hint(PostgresException e, string condition) =>
        e.SqlState == PostgresErrorCodes.UndefinedColumn && condition.Contains('"')
            ? " Strings take single quotes in SQL: write status = 'active', not status = \"active\"."
            : "";

    private static void CheckName(List<string> problems, string at, string field, string name, string kind)
    {
        if (!NamePattern().IsMatch(name))
            problems.Add($"{at}: {field} '{Shorten(name)}' is not a valid {kind} name; use letters, digits and '_' (at most 63), as the module's migrations name it.");
    }

    private static string Shorten(string text, int max = 40) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
