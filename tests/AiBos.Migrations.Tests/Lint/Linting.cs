using AiBos.Migrations.Validation.Lint;

namespace AiBos.Migrations.Tests.Lint;

/// <summary>Lints SQL the way most tests need: with down SQL present, so only the rule under test speaks.</summary>
internal static class Linting
{
    private const string DownSql = "SELECT 1;";

    public static IReadOnlyList<LintFinding> Lint(string upSql, bool transactional = true) =>
        MigrationLinter.Lint(upSql, DownSql, transactional);

    /// <summary>The one finding of <paramref name="rule"/>; fails when there is none or more than one.</summary>
    public static LintFinding Single(string rule, string upSql, bool transactional = true) =>
        Assert.Single(Lint(upSql, transactional), f => f.Rule == rule);

    public static void None(string rule, string upSql, bool transactional = true) =>
        Assert.DoesNotContain(Lint(upSql, transactional), f => f.Rule == rule);
}
