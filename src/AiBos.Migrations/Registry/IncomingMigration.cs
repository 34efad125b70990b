using AiBos.Migrations.Tenancy;

namespace AiBos.Migrations.Registry;

/// <summary>
/// A definition that passed the checks that need no database: names, version, checksum, dependencies' syntax.
/// Every problem of a batch is collected, so that one refusal names them all.
/// </summary>
internal sealed record IncomingMigration(SchemaMigrationDefinition Definition, SemanticVersion Version, List<string> Dependencies, string Checksum)
{
    public static List<IncomingMigration> ValidateAll(IReadOnlyList<SchemaMigrationDefinition> definitions, bool allowEmpty = false)
    {
        var problems = new List<string>();
        var incoming = new List<IncomingMigration>();
        if (definitions.Count == 0 && !allowEmpty) problems.Add("Nothing to register: give at least one migration file.");
        foreach (var d in definitions)
        {
            var where = $"{d.Module}:{d.Version}/{d.MigrationFile}";
            var before = problems.Count;
            Collect(problems, () => Identifiers.ValidateModuleName(d.Module));
            Collect(problems, () => Identifiers.ValidateMigrationFileName(d.MigrationFile));
            SemanticVersion? version = null;
            Collect(problems, () => version = SemanticVersion.Parse(d.Version, $"version of {d.MigrationFile}"));
            if (string.IsNullOrWhiteSpace(d.UpSql)) problems.Add($"{where}: the up SQL is empty.");
            if (d.EstimatedSeconds < 0) problems.Add($"{where}: the estimated time cannot be negative.");
            if (d.ValidationQueries.Any(q => string.IsNullOrWhiteSpace(q.Sql))) problems.Add($"{where}: a validation query is empty.");
            var dependencies = new List<string>();
            foreach (var text in d.Dependencies)
            {
                Collect(problems, () =>
                {
                    var dependency = DependencyRef.Parse(text, d.Module);
                    Identifiers.ValidateModuleName(dependency.Module);
                    if (dependency.Version is not null) SemanticVersion.Parse(dependency.Version, $"version in dependency '{text}'");
                    dependencies.Add(dependency.Version is null && dependency.Module == d.Module ? dependency.File : dependency.ToString());
                });
            }
            var checksum = string.IsNullOrWhiteSpace(d.UpSql) ? "" : SqlChecksum.Compute(d.UpSql);
            if (d.Checksum is { Length: > 0 } given && !string.Equals(given, checksum, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{where}: the checksum '{given}' does not match the up SQL (its SHA-256 is {checksum}): the file changed or the checksum is wrong.");
            if (incoming.Any(i => i.Definition.Module == d.Module && i.Definition.MigrationFile == d.MigrationFile))
                problems.Add($"{where}: the same file is given twice; file names are unique within a module.");
            if (problems.Count == before) incoming.Add(new IncomingMigration(d, version!, dependencies, checksum));
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return incoming;
    }

    private static void Collect(List<string> problems, Action check)
    {
        try { check(); }
        catch (InvalidInputException e) { problems.AddRange(e.Problems); }
    }

}
