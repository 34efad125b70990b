using AiBos.Migrations.Planning;
using AiBos.Migrations.Registry;
using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Tests.Planning;

/// <summary>The planner is pure: registry rows and the tenant's state are built by hand, no database.</summary>
public sealed class MigrationPlannerTests
{
    private static readonly SemanticVersion None = SemanticVersion.None;

    private static SemanticVersion V(string text) => SemanticVersion.Parse(text);

    private static RegisteredMigration M(string module, string version, string file, bool withDown = true, params string[] dependencies) => new(
        Id: 0, Module: module, Version: V(version), FileName: file,
        UpSql: $"-- up {module}/{file}", DownSql: withDown ? $"-- down {module}/{file}" : null,
        Checksum: SqlChecksum.Compute($"-- up {module}/{file}"),
        Dependencies: dependencies.Select(d => DependencyRef.Parse(d, module)).ToList(),
        ValidationQueries: [], EstimatedSeconds: 1, DeclaredRisk: RiskLevel.Low, Transactional: true,
        RegisteredAt: DateTimeOffset.UnixEpoch);

    private static TenantState State(params RegisteredMigration[] applied) => StateWith(applied.Select(m => (m, m.Checksum)).ToArray());

    private static TenantState StateWith(params (RegisteredMigration Migration, string Checksum)[] applied)
    {
        var versions = applied.GroupBy(a => a.Migration.Module).ToDictionary(g => g.Key, g => g.Max(a => a.Migration.Version)!, StringComparer.Ordinal);
        var history = applied.Select((a, i) => new HistoryEntry(
            i + 1, a.Migration.Module, a.Migration.Version.ToString(), a.Migration.FileName, a.Checksum,
            "up", false, Guid.Empty, DateTimeOffset.UnixEpoch, 0)).ToList();
        return new TenantState(versions, history);
    }

    // billing: 1.0.0 is the base; 1.2.0 has a dependency that goes against file-name order; 1.10.0 must sort after 1.2.0.
    private static readonly RegisteredMigration Base = M("billing", "1.0.0", "001_base.sql");
    private static readonly RegisteredMigration AddColumn = M("billing", "1.2.0", "001_add_column.sql", true, "002_create_table.sql");
    private static readonly RegisteredMigration CreateTable = M("billing", "1.2.0", "002_create_table.sql");
    private static readonly RegisteredMigration Other = M("billing", "1.2.0", "003_other.sql");
    private static readonly RegisteredMigration Later = M("billing", "1.10.0", "000_first_of_later_version.sql");
    private static readonly RegisteredMigration Major = M("billing", "2.0.0", "005_major.sql");
    private static readonly RegisteredMigration Beyond = M("billing", "2.1.0", "006_beyond_target.sql");
    private static readonly RegisteredMigration Unrelated = M("crm", "1.5.0", "001_customers.sql");

    private static readonly IReadOnlyList<RegisteredMigration> Billing = [Beyond, Unrelated, Other, Major, Later, CreateTable, Base, AddColumn];

    [Fact]
    public void an_upgrade_orders_by_version_then_same_version_dependencies_then_file_name()
    {
        var plan = MigrationPlanner.Plan("acme", "billing", V("1.0.0"), V("2.0.0"), Billing, State(Base));

        Assert.True(plan.CanRun, string.Join("\n", plan.Problems));
        Assert.Equal(Direction.Up, plan.Direction);
        Assert.Equal(
            ["1.2.0/002_create_table.sql", "1.2.0/001_add_column.sql", "1.2.0/003_other.sql", "1.10.0/000_first_of_later_version.sql", "2.0.0/005_major.sql"],
            plan.Migrations.Select(p => $"{p.Migration.Version}/{p.Migration.FileName}"));
        Assert.All(plan.Migrations, p => Assert.Equal(Direction.Up, p.Direction));
        Assert.All(plan.Migrations, p => Assert.Equal(p.Migration.UpSql, p.Sql));
        Assert.Equal(5, plan.EstimatedSeconds);
    }

    [Fact]
    public void an_install_takes_every_version_up_to_the_target_and_nothing_beyond_it()
    {
        var plan = MigrationPlanner.Plan("acme", "billing", None, V("1.2.0"), Billing, State());

        Assert.True(plan.CanRun, string.Join("\n", plan.Problems));
        Assert.Equal(["001_base.sql", "002_create_table.sql", "001_add_column.sql", "003_other.sql"], plan.Migrations.Select(p => p.Migration.FileName));
    }

    [Fact]
    public void a_chain_of_same_version_dependencies_is_placed_before_its_dependents()
    {
        // c -> b -> a by dependency, the reverse of their names.
        IReadOnlyList<RegisteredMigration> registry =
        [
            M("billing", "1.0.0", "a.sql", true, "b.sql"),
            M("billing", "1.0.0", "b.sql", true, "c.sql"),
            M("billing", "1.0.0", "c.sql"),
            M("billing", "1.0.0", "d.sql", true, "a.sql"),
        ];

        var plan = MigrationPlanner.Plan("acme", "billing", None, V("1.0.0"), registry, State());

        Assert.Equal(["c.sql", "b.sql", "a.sql", "d.sql"], plan.Migrations.Select(p => p.Migration.FileName));
    }

    [Fact]
    public void a_downgrade_reverses_the_upgrade_order_and_uses_the_down_sql()
    {
        var atTwo = State(Base, CreateTable, AddColumn, Other, Later, Major);

        var plan = MigrationPlanner.Plan("acme", "billing", V("2.0.0"), V("1.0.0"), Billing, atTwo);

        Assert.True(plan.CanRun, string.Join("\n", plan.Problems));
        Assert.Equal(Direction.Down, plan.Direction);
        Assert.Equal(
            ["005_major.sql", "000_first_of_later_version.sql", "003_other.sql", "001_add_column.sql", "002_create_table.sql"],
            plan.Migrations.Select(p => p.Migration.FileName));
        Assert.All(plan.Migrations, p => Assert.Equal(Direction.Down, p.Direction));
        Assert.All(plan.Migrations, p => Assert.Equal($"-- down billing/{p.Migration.FileName}", p.Sql));
    }

    [Fact]
    public void a_downgrade_past_a_migration_without_down_sql_is_refused_naming_it()
    {
        var noDown = M("billing", "1.10.0", "000_first_of_later_version.sql", withDown: false);
        IReadOnlyList<RegisteredMigration> registry = [Base, CreateTable, AddColumn, Other, noDown, Major];
        var atTwo = State(Base, CreateTable, AddColumn, Other, noDown, Major);

        var refused = MigrationPlanner.Plan("acme", "billing", V("2.0.0"), V("1.0.0"), registry, atTwo);
        var allowed = MigrationPlanner.Plan("acme", "billing", V("2.0.0"), V("1.10.0"), registry, atTwo);

        Assert.False(refused.CanRun);
        var problem = Assert.Single(refused.Problems);
        Assert.Contains("billing:1.10.0/000_first_of_later_version.sql has no down SQL", problem);
        Assert.True(allowed.CanRun, string.Join("\n", allowed.Problems));
        Assert.Equal(["005_major.sql"], allowed.Migrations.Select(p => p.Migration.FileName));
    }

    private static readonly RegisteredMigration Reports = M("accounting", "1.0.0", "001_create_financial_reports.sql");
    private static readonly RegisteredMigration Ledger = M("accounting", "1.0.0", "002_create_ledger_entries.sql", true, "001_create_financial_reports.sql");
    private static readonly RegisteredMigration Customers = M("crm", "1.0.0", "001_create_customers.sql");
    private static readonly RegisteredMigration Deals = M("crm", "2.0.0", "004_create_deals.sql", true, "001_create_customers.sql", "accounting:1.0.0/001_create_financial_reports.sql");
    private static readonly IReadOnlyList<RegisteredMigration> CrmAndAccounting = [Reports, Ledger, Customers, Deals];

    [Fact]
    public void an_upgrade_needing_another_modules_migration_that_the_tenant_has_not_applied_is_refused_naming_it()
    {
        var refused = MigrationPlanner.Plan("acme", "crm", V("1.0.0"), V("2.0.0"), CrmAndAccounting, State(Customers));
        var allowed = MigrationPlanner.Plan("acme", "crm", V("1.0.0"), V("2.0.0"), CrmAndAccounting, State(Customers, Reports, Ledger));

        Assert.False(refused.CanRun);
        var problem = Assert.Single(refused.Problems);
        Assert.Contains("crm:2.0.0/004_create_deals.sql needs accounting:1.0.0/001_create_financial_reports.sql", problem);
        Assert.Contains("upgrade 'accounting' first", problem);
        Assert.True(allowed.CanRun, string.Join("\n", allowed.Problems));
        Assert.Equal(["004_create_deals.sql"], allowed.Migrations.Select(p => p.Migration.FileName));
    }

    [Fact]
    public void an_upgrade_needing_a_same_module_migration_the_tenant_lacks_is_refused()
    {
        // The tenant claims 1.0.0 but its history lacks 001_create_customers.sql (for example it was reverted by hand).
        var refused = MigrationPlanner.Plan("acme", "crm", V("1.0.0"), V("2.0.0"), CrmAndAccounting, State(Reports));

        Assert.Contains(refused.Problems, p => p.Contains("crm:2.0.0/004_create_deals.sql needs crm:1.0.0/001_create_customers.sql", StringComparison.Ordinal));
    }

    [Fact]
    public void a_downgrade_that_would_remove_a_migration_another_applied_module_depends_on_is_refused()
    {
        var refused = MigrationPlanner.Plan("acme", "accounting", V("1.0.0"), None, CrmAndAccounting, State(Reports, Ledger, Customers, Deals));
        var allowed = MigrationPlanner.Plan("acme", "accounting", V("1.0.0"), None, CrmAndAccounting, State(Reports, Ledger, Customers));

        Assert.False(refused.CanRun);
        var problem = Assert.Single(refused.Problems);
        Assert.Contains("crm:2.0.0/004_create_deals.sql is applied and needs accounting:1.0.0/001_create_financial_reports.sql", problem);
        Assert.Contains("downgrade 'crm' first", problem);
        Assert.True(allowed.CanRun, string.Join("\n", allowed.Problems));
        Assert.Equal(["002_create_ledger_entries.sql", "001_create_financial_reports.sql"], allowed.Migrations.Select(p => p.Migration.FileName));
    }

    [Fact]
    public void a_tenant_history_checksum_that_differs_from_the_registry_is_refused_naming_the_file()
    {
        var tampered = StateWith((Reports, "tampered"), (Ledger, Ledger.Checksum));

        var plan = MigrationPlanner.Plan("acme", "accounting", V("1.0.0"), V("2.0.0"), [Reports, Ledger, M("accounting", "2.0.0", "001_add_ai_insights.sql")], tampered);

        Assert.False(plan.CanRun);
        var problem = Assert.Single(plan.Problems);
        Assert.Contains("accounting:1.0.0/001_create_financial_reports.sql", problem);
        Assert.Contains("checksum", problem);
        Assert.Contains("(tampered)", problem);
        Assert.Contains(Reports.Checksum[..12], problem);
    }

    [Fact]
    public void a_tenant_history_file_the_registry_no_longer_has_is_refused_naming_it()
    {
        var state = State(Reports, Ledger);

        var plan = MigrationPlanner.Plan("acme", "accounting", V("1.0.0"), None, [Ledger], state);

        Assert.Contains(plan.Problems, p => p.Contains("accounting:1.0.0/001_create_financial_reports.sql", StringComparison.Ordinal) && p.Contains("no longer has that file", StringComparison.Ordinal));
    }

    [Fact]
    public void another_modules_checksums_do_not_block_a_plan()
    {
        var state = StateWith((Reports, "tampered"), (Customers, Customers.Checksum));

        var plan = MigrationPlanner.Plan("acme", "crm", V("1.0.0"), V("2.0.0"), CrmAndAccounting, state);

        Assert.True(plan.CanRun, string.Join("\n", plan.Problems));
    }
}
