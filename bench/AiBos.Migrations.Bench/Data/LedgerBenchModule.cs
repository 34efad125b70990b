namespace AiBos.Migrations.Bench.Data;

/// <summary>
/// The data benchmark's module: 1.0.0 has ledger entries, 2.0.0 adds financial reports and the seed's rule that
/// moves active entries into them through a mapping and a condition (no batch size of its own: the default applies).
/// </summary>
public static class LedgerBenchModule
{
    public const string Name = "ledgerbench";
    public const string Condition = "status = 'active'";

    public const string TargetColumns = "id, value, notes, \"timestamp\"";
    public const string SourceColumns = "entry_id, amount, description, created_at";

    public static string WriteFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), $"aibos-databench-{Guid.NewGuid():N}", Name);
        var v1 = Directory.CreateDirectory(Path.Combine(root, "1.0.0")).FullName;
        var v2 = Directory.CreateDirectory(Path.Combine(root, "2.0.0", "data")).Parent!.FullName;
        File.WriteAllText(Path.Combine(v1, "001_create_ledger_entries.sql"), """
            CREATE TABLE ledger_entries (
                entry_id    bigint PRIMARY KEY,
                amount      numeric(12, 2) NOT NULL,
                description text,
                status      text NOT NULL,
                created_at  timestamptz NOT NULL DEFAULT now()
            );
            """);
        File.WriteAllText(Path.Combine(v1, "001_create_ledger_entries.down.sql"), "DROP TABLE ledger_entries;");
        File.WriteAllText(Path.Combine(v2, "001_create_financial_reports.sql"), TargetTableSql("financial_reports"));
        File.WriteAllText(Path.Combine(v2, "001_create_financial_reports.down.sql"), "DROP TABLE financial_reports;");
        File.WriteAllText(Path.Combine(v2, "data", "001_ledger_to_reports.json"), $$"""
            {
              "id": "transform_1",
              "sourceTable": "ledger_entries",
              "targetTable": "financial_reports",
              "transformationType": "transform",
              "mapping": { "entry_id": "id", "amount": "value", "description": "notes", "created_at": "timestamp" },
              "conditions": ["{{Condition}}"],
              "validationQueries": ["SELECT COUNT(*) FROM financial_reports WHERE value IS NULL;"]
            }
            """);
        return root;
    }

    public static string TargetTableSql(string table) => $"""
        CREATE TABLE {table} (
            id          bigint PRIMARY KEY,
            value       numeric(12, 2),
            notes       text,
            "timestamp" timestamptz
        );
        """;

    /// <summary>Entries 1..n; one in six is void, so five in six move.</summary>
    public static string FillSql(string schema, int rows) => $"""
        INSERT INTO {schema}.ledger_entries (entry_id, amount, description, status, created_at)
        SELECT g, (g % 100000) / 100.0, 'Ledger entry ' || g || ' for account ' || (g % 5000), CASE WHEN g % 6 = 0 THEN 'void' ELSE 'active' END,
               timestamptz '2026-01-01' + g * interval '1 second'
        FROM generate_series(1, {rows}) g
        """;
}
