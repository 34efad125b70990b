using AiBos.Migrations.Registry;
using AiBos.Migrations.Tests.Infrastructure;
using AiBos.Migrations.Tests.Tenancy;

namespace AiBos.Migrations.Tests.Registry;

/// <summary>Registering single migration files (and batches) against the catalog: idempotence, immutability, refusals.</summary>
public sealed class RegistrationTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string CreateInvoices = "CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric(18,2) NOT NULL);";
    private const string CreateInvoicesWithCustomer = "CREATE TABLE invoices (id bigint PRIMARY KEY, customer text, amount numeric(18,2) NOT NULL);";

    private static SchemaMigrationDefinition Definition(
        string file, string upSql = CreateInvoices, string version = "1.0.0", string module = "billing",
        IReadOnlyList<string>? dependencies = null, bool replace = false) => new()
        {
            Module = module,
            Version = version,
            MigrationFile = file,
            UpSql = upSql,
            DownSql = "DROP TABLE invoices;",
            Dependencies = dependencies ?? [],
            Replace = replace,
        };

    private static Task<long> CountAsync(TestEngine t, string table) => t.ScalarAsync<long>($"SELECT count(*) FROM aibos.{table}");

    private static async Task AssertNothingRegisteredAsync(TestEngine t)
    {
        Assert.Equal(0L, await CountAsync(t, "schema_migrations"));
        Assert.Equal(0L, await CountAsync(t, "modules"));
        Assert.Equal(0L, await CountAsync(t, "module_versions"));
    }

    [Fact]
    public async Task registering_the_same_file_again_with_the_same_content_is_a_no_op()
    {
        await using var t = await TestEngine.StartAsync(server);

        var first = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql"), None);
        var second = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql"), None);

        Assert.Equal(RegistrationChange.Added, Assert.Single(first.Files).Change);
        var again = Assert.Single(second.Files);
        Assert.Equal(RegistrationChange.Unchanged, again.Change);
        Assert.Equal(SqlChecksum.Compute(CreateInvoices), again.Checksum);
        Assert.Equal(1L, await CountAsync(t, "schema_migrations"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NULL"));
        Assert.Equal(1L, await CountAsync(t, "module_versions"));
    }

    [Fact]
    public async Task different_content_for_a_registered_file_is_refused_without_replace_and_replaced_with_it()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql"), None);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", CreateInvoicesWithCustomer), None));

        Assert.Contains("billing:1.0.0/001_create_invoices.sql", refused.Message);
        Assert.Contains("already registered with different content", refused.Message);
        Assert.Contains("replace", refused.Message);
        Assert.Equal(CreateInvoices, await t.ScalarAsync<string>("SELECT up_sql FROM aibos.schema_migrations"));
        Assert.Equal(SqlChecksum.Compute(CreateInvoices), await t.ScalarAsync<string>("SELECT checksum FROM aibos.schema_migrations"));
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL"));

        var replaced = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", CreateInvoicesWithCustomer, replace: true), None);

        Assert.Equal(RegistrationChange.Replaced, Assert.Single(replaced.Files).Change);
        Assert.Equal(1L, await CountAsync(t, "schema_migrations"));
        Assert.Equal(CreateInvoicesWithCustomer, await t.ScalarAsync<string>("SELECT up_sql FROM aibos.schema_migrations"));
        Assert.Equal(SqlChecksum.Compute(CreateInvoicesWithCustomer), await t.ScalarAsync<string>("SELECT checksum FROM aibos.schema_migrations"));
        Assert.Equal(1L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL"));
    }

    [Fact]
    public async Task different_content_is_refused_once_a_tenant_has_applied_the_file_even_with_replace()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql"), None);
        await t.CreateTenantAsync("acme");
        await t.InstallAsync("acme", "billing", "1.0.0");

        foreach (var replace in new[] { false, true })
        {
            var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
                t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", CreateInvoicesWithCustomer, replace: replace), None));

            Assert.Contains("billing:1.0.0/001_create_invoices.sql", refused.Message);
            Assert.Contains("already applied to 1 tenant(s)", refused.Message);
            Assert.Contains("cannot change", refused.Message);
            Assert.Equal(CreateInvoices, await t.ScalarAsync<string>("SELECT up_sql FROM aibos.schema_migrations"));
            Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL"));
        }

        // The same content is still accepted as a no-op: immutability is about content, not about registering again.
        var same = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", replace: true), None);
        Assert.Equal(RegistrationChange.Unchanged, Assert.Single(same.Files).Change);
    }

    [Fact]
    public async Task a_supplied_checksum_that_does_not_match_the_up_sql_is_refused_naming_both_and_nothing_is_registered()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql") with { Checksum = "abc123" }, None));

        Assert.Contains("'abc123'", refused.Message);
        Assert.Contains(SqlChecksum.Compute(CreateInvoices), refused.Message);
        Assert.Contains("001_create_invoices.sql", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Fact]
    public async Task a_correct_supplied_checksum_is_accepted_and_ignores_line_endings_and_trailing_whitespace()
    {
        await using var t = await TestEngine.StartAsync(server);
        const string lf = "CREATE TABLE invoices (\n    id bigint PRIMARY KEY,\n    amount numeric NOT NULL\n);\n";
        const string crlf = "CREATE TABLE invoices (  \r\n    id bigint PRIMARY KEY,\t\r\n    amount numeric NOT NULL\r\n);\r\n\r\n";
        var checksum = SqlChecksum.Compute(lf);

        var added = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", crlf) with { Checksum = checksum }, None);
        var again = await t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", lf) with { Checksum = checksum.ToUpperInvariant() }, None);

        Assert.Equal(SqlChecksum.Compute(crlf), checksum);
        Assert.Equal(RegistrationChange.Added, Assert.Single(added.Files).Change);
        Assert.Equal(RegistrationChange.Unchanged, Assert.Single(again.Files).Change);
        Assert.Equal(checksum, await t.ScalarAsync<string>("SELECT checksum FROM aibos.schema_migrations"));
    }

    [Fact]
    public async Task an_unknown_dependency_is_refused_naming_it_and_nothing_is_registered()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterSchemaMigrationAsync(
            Definition("002_add_customer.sql", dependencies: ["001_missing.sql", "accounting:1.0.0/001_create_financial_reports.sql"]), None));

        Assert.Contains("billing/001_missing.sql, which is not registered", refused.Message);
        Assert.Contains("accounting:1.0.0/001_create_financial_reports.sql, which is not registered", refused.Message);
        Assert.Equal(2, refused.Problems.Count);
        await AssertNothingRegisteredAsync(t);
    }

    [Fact]
    public async Task a_dependency_cycle_within_one_batch_is_refused_naming_the_cycle_and_nothing_is_registered()
    {
        await using var t = await TestEngine.StartAsync(server);
        IReadOnlyList<SchemaMigrationDefinition> batch =
        [
            Definition("a.sql", "SELECT 'a';", dependencies: ["b.sql"]),
            Definition("b.sql", "SELECT 'b';", dependencies: ["c.sql"]),
            Definition("c.sql", "SELECT 'c';", dependencies: ["a.sql"]),
        ];

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<MigrationRegistry>().RegisterAsync(batch, null, None));

        var cycle = Assert.Single(refused.Problems, p => p.StartsWith("Dependency cycle: ", StringComparison.Ordinal));
        Assert.Contains("billing:1.0.0/a.sql -> billing:1.0.0/b.sql -> billing:1.0.0/c.sql -> billing:1.0.0/a.sql", cycle);
        await AssertNothingRegisteredAsync(t);
    }

    [Fact]
    public async Task a_file_depending_on_itself_is_a_cycle()
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("a.sql", dependencies: ["a.sql"]), None));

        Assert.Contains("Dependency cycle: billing:1.0.0/a.sql -> billing:1.0.0/a.sql", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Fact]
    public async Task a_cycle_across_separate_registrations_is_refused_and_the_registry_keeps_the_old_dependencies()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.Engine.RegisterSchemaMigrationAsync(Definition("a.sql", "SELECT 'a';"), None);
        await t.Engine.RegisterSchemaMigrationAsync(Definition("b.sql", "SELECT 'b';", dependencies: ["a.sql"]), None);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("a.sql", "SELECT 'a';", dependencies: ["b.sql"], replace: true), None));

        Assert.Contains("Dependency cycle: ", refused.Message);
        Assert.Contains("billing:1.0.0/a.sql -> billing:1.0.0/b.sql -> billing:1.0.0/a.sql", refused.Message);
        var a = (await t.Get<MigrationRegistry>().GetMigrationsAsync("billing", None)).Single(m => m.FileName == "a.sql");
        Assert.Empty(a.Dependencies);
        Assert.Equal(0L, await t.ScalarAsync<long>("SELECT count(*) FROM aibos.schema_migrations WHERE replaced_at IS NOT NULL"));
    }

    [Fact]
    public async Task a_dependency_on_a_later_version_of_the_same_module_is_refused()
    {
        await using var t = await TestEngine.StartAsync(server);
        IReadOnlyList<SchemaMigrationDefinition> batch =
        [
            Definition("001_base.sql", "SELECT 1;", dependencies: ["002_later.sql"]),
            Definition("002_later.sql", "SELECT 2;", version: "2.0.0"),
        ];

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<MigrationRegistry>().RegisterAsync(batch, null, None));

        Assert.Contains("billing:1.0.0/001_base.sql depends on billing:2.0.0/002_later.sql, a later version of the same module", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("\u0661.0.0")] // ARABIC-INDIC DIGIT ONE: a digit to Regex \d, not to int.Parse
    [InlineData("1\u0660.0.0")]
    public async Task a_bad_semantic_version_is_refused_with_a_clear_message(string version)
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", version: version), None));

        Assert.Contains($"'{version}' is not a valid version of 001_create_invoices.sql", refused.Message);
        Assert.Contains("semantic versioning such as 1.0.0", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Theory]
    [InlineData("../x.sql")]
    [InlineData("a/b.sql")]
    [InlineData("a\\b.sql")]
    [InlineData("x.txt")]
    [InlineData("x.down.sql")]
    [InlineData(".sql")]
    [InlineData("")]
    [InlineData("001_x.sql\n")]
    public async Task a_bad_migration_file_name_is_refused(string file)
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Engine.RegisterSchemaMigrationAsync(Definition(file), None));

        Assert.Contains("The migration file name", refused.Message);
        Assert.Contains("is not valid", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Theory]
    [InlineData("Accounting")]
    [InlineData("acc;drop table x")]
    [InlineData("")]
    [InlineData("../accounting")]
    [InlineData("1accounting")]
    [InlineData("accounting\n")]
    [InlineData("a_module_name_that_is_far_too_long_for_it")]
    public async Task a_bad_module_name_is_refused(string module)
    {
        await using var t = await TestEngine.StartAsync(server);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            t.Engine.RegisterSchemaMigrationAsync(Definition("001_create_invoices.sql", module: module), None));

        Assert.Contains("The module name", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }

    [Fact]
    public async Task a_batch_with_one_bad_file_registers_none_of_its_files()
    {
        await using var t = await TestEngine.StartAsync(server);
        IReadOnlyList<SchemaMigrationDefinition> batch =
        [
            Definition("001_create_invoices.sql"),
            Definition("002_add_customer.sql", "ALTER TABLE invoices ADD COLUMN customer text;", dependencies: ["001_create_invoices.sql"]),
            Definition("003_broken.sql", "SELECT 1;", dependencies: ["000_nowhere.sql"]),
        ];

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => t.Get<MigrationRegistry>().RegisterAsync(batch, null, None));

        Assert.Contains("000_nowhere.sql", refused.Message);
        await AssertNothingRegisteredAsync(t);
    }
}
