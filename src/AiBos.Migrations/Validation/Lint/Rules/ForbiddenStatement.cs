using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Validation.Lint.Rules;

/// <summary>
/// Statements a tenant migration must not contain. Critical when they reach past the tenant's schema: switching
/// role or search_path, changing the server's configuration, running programs or touching files on the database
/// server. High for VACUUM in a transactional migration (it fails every time) and for extensions (database-wide
/// objects shared with every other tenant of the shard). DO blocks are fine: their bodies are not linted.
/// </summary>
internal sealed partial class ForbiddenStatement : ILintRule
{
    private static readonly Forbidden[] Statements =
    [
        new(RiskLevel.Critical, (s, _) => RoleSwitch().IsMatch(s.Code) || SetsViaSetConfig(s, "role", "session_authorization"),
            "Switching role makes the rest of the migration run with another role's privileges, beyond the tenant's.",
            "Run as the engine's migration role and GRANT it what the migration needs, outside tenant migrations."),
        new(RiskLevel.Critical, (s, _) => SearchPath().IsMatch(s.Code) || SetsViaSetConfig(s, "search_path"),
            "The engine points search_path at the tenant's schema; changing it sends the next statements, and the history row, to another schema, possibly another tenant's.",
            "Leave search_path alone and write unqualified names: they resolve to the tenant's schema."),
        new(RiskLevel.Critical, (s, _) => AlterSystem().IsMatch(s.Code),
            "ALTER SYSTEM changes the configuration of the whole server, for every tenant on it.",
            "Change server settings through the platform's infrastructure, never from a tenant migration."),
        new(RiskLevel.Critical, (s, _) => ServerSideCopy().IsMatch(s.Code) || LargeObjectFile().IsMatch(s.Code),
            "This runs a program or reads/writes a file on the database server, outside every tenant's boundary.",
            "Insert data with INSERT ... VALUES or INSERT ... SELECT in the migration, or load it through the application with COPY FROM STDIN."),
        new(RiskLevel.High, (s, c) => c.Transactional && Vacuum().IsMatch(s.Code),
            "VACUUM cannot run inside a transaction block: this transactional migration fails on every tenant.",
            "Leave it to autovacuum (ANALYZE does run in a transaction), or run VACUUM alone in a migration marked transactional: false."),
        new(RiskLevel.High, (s, _) => Extension().IsMatch(s.Code),
            "Extensions belong to the whole database: they need elevated privileges, are shared by every tenant on the shard, and a down SQL that drops one breaks the others.",
            "Install extensions once per database when the shard is provisioned, and let tenant migrations assume them."),
    ];

    public string Id => "forbidden-statement";

    public IEnumerable<LintFinding> Check(LintedStatement statement, LintContext context) =>
        Statements.Where(f => f.Matches(statement, context))
            .Select(f => LintFinding.At(statement, Id, f.Severity, f.Message, f.SaferAlternative));

    private static bool SetsViaSetConfig(LintedStatement statement, params string[] settings) =>
        SetConfig().Matches(statement.Code).Any(m =>
            settings.Contains(statement.Literals[int.Parse(m.Groups["literal"].Value, System.Globalization.CultureInfo.InvariantCulture)].Trim().ToLowerInvariant()));

    private sealed record Forbidden(RiskLevel Severity, Func<LintedStatement, LintContext, bool> Matches, string Message, string SaferAlternative);

    [GeneratedRegex(@"^(?:set (?:session |local )?(?:role|session authorization)\b|reset (?:role|session authorization)\b)")]
    private static partial Regex RoleSwitch();

    [GeneratedRegex(@"^(?:set (?:session |local )?(?:search_path|schema)\b|reset (?:search_path|all)\b)")]
    private static partial Regex SearchPath();

    // set_config('search_path', ...): the setting's name is a string constant, see LintedStatement.Literals.
    [GeneratedRegex(@"\bset_config ?\( ?'(?<literal>\d+)'")]
    private static partial Regex SetConfig();

    [GeneratedRegex(@"^alter system\b")]
    private static partial Regex AlterSystem();

    // COPY ... FROM/TO STDIN/STDOUT stays on the client connection; PROGRAM or a file name acts on the server.
    [GeneratedRegex(@"^copy\b.*\b(?:from|to) (?:program\b|'\d+')")]
    private static partial Regex ServerSideCopy();

    [GeneratedRegex(@"\blo_(?:import|export) ?\(")]
    private static partial Regex LargeObjectFile();

    [GeneratedRegex(@"^vacuum\b")]
    private static partial Regex Vacuum();

    [GeneratedRegex(@"^(?:create|drop) extension\b")]
    private static partial Regex Extension();
}
