using System.Text.Json;

namespace AiBos.Migrations.Registry;

/// <summary>A module's migrations as shipped on disk (see ARCHITECTURE.md, "A module's migrations on disk").</summary>
public sealed record ModuleFolder(string Name, string Description, IReadOnlyList<SemanticVersion> Versions, IReadOnlyList<SchemaMigrationDefinition> Migrations)
{
    /// <summary>Reads <c>module.json</c> and every <c>&lt;version&gt;/NNN_name.sql</c> with its optional .down.sql and .json.</summary>
    public static ModuleFolder Read(string path)
    {
        if (!Directory.Exists(path))
            throw new InvalidInputException($"The module folder '{path}' does not exist.");
        var problems = new List<string>();
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        var description = "";
        var manifest = Path.Combine(path, "module.json");
        if (File.Exists(manifest))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
                if (doc.RootElement.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } declared) name = declared;
                if (doc.RootElement.TryGetProperty("description", out var d)) description = d.GetString() ?? "";
            }
            catch (JsonException e)
            {
                problems.Add($"{manifest}: not valid JSON ({e.Message}).");
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{manifest}: must be a JSON object whose 'name' and 'description' are strings ({e.Message}).");
            }
        }

        var versions = new List<SemanticVersion>();
        var migrations = new List<SchemaMigrationDefinition>();
        foreach (var versionDir in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            var versionText = Path.GetFileName(versionDir);
            if (!SemanticVersion.TryParse(versionText, out var version))
            {
                if (versionText is not ("data" or "customizations") && !versionText.StartsWith('.'))
                    problems.Add($"{versionDir}: '{versionText}' is not a semantic version; version folders are named like 1.0.0.");
                continue;
            }
            versions.Add(version);
            foreach (var upFile in Directory.GetFiles(versionDir, "*.sql").Where(f => !f.EndsWith(".down.sql", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                try
                {
                    migrations.Add(ReadMigration(name, versionText, upFile));
                }
                catch (InvalidInputException e)
                {
                    problems.AddRange(e.Problems);
                }
            }
            foreach (var orphan in Directory.GetFiles(versionDir, "*.down.sql").Where(f => !File.Exists(f[..^".down.sql".Length] + ".sql")))
                problems.Add($"{orphan}: a down file without its up file.");
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        if (versions.Count == 0) throw new InvalidInputException($"The module folder '{path}' holds no version folders (such as 1.0.0/).");
        return new ModuleFolder(name, description, versions.Order().ToList(), migrations);
    }

    /// <summary>Reads one up file with its optional <c>.down.sql</c> and <c>.json</c> metadata beside it.</summary>
    public static SchemaMigrationDefinition ReadMigration(string module, string version, string upFile)
    {
        if (!File.Exists(upFile)) throw new InvalidInputException($"The migration file '{upFile}' does not exist.");
        var stem = upFile[..^".sql".Length];
        var downFile = stem + ".down.sql";
        var metadata = MigrationMetadata.Read(stem + ".json");
        return new SchemaMigrationDefinition
        {
            Module = module,
            Version = version,
            MigrationFile = Path.GetFileName(upFile),
            UpSql = File.ReadAllText(upFile),
            DownSql = File.Exists(downFile) ? File.ReadAllText(downFile) : null,
            Dependencies = metadata.Dependencies,
            ValidationQueries = metadata.ValidationQueries,
            EstimatedSeconds = metadata.EstimatedSeconds,
            RiskLevel = metadata.RiskLevel,
            Transactional = metadata.Transactional,
            Checksum = metadata.Checksum,
        };
    }
}
