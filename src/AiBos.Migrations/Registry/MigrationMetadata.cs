using System.Text.Json;

namespace AiBos.Migrations.Registry;

/// <summary>The optional <c>NNN_name.json</c> beside a migration file.</summary>
public sealed record MigrationMetadata(
    IReadOnlyList<string> Dependencies, IReadOnlyList<ValidationQuery> ValidationQueries,
    int EstimatedSeconds, RiskLevel RiskLevel, bool Transactional, string? Checksum)
{
    public static readonly MigrationMetadata Empty = new([], [], 0, RiskLevel.Low, true, null);

    public static MigrationMetadata Read(string path)
    {
        if (!File.Exists(path)) return Empty;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidInputException($"{path}: the metadata must be a JSON object.");
            return new MigrationMetadata(
                Strings(root, "dependencies", path),
                ValidationQueriesOf(root, path),
                root.TryGetProperty("estimatedSeconds", out var e) ? e.GetInt32() : 0,
                RiskLevelOf(root, path),
                !root.TryGetProperty("transactional", out var t) || t.GetBoolean(),
                root.TryGetProperty("checksum", out var c) ? c.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException($"{path}: the metadata is not valid ({e.Message}).");
        }
    }

    private static RiskLevel RiskLevelOf(JsonElement root, string path)
    {
        if (!root.TryGetProperty("riskLevel", out var risk)) return RiskLevel.Low;
        try
        {
            return RiskLevels.Parse(risk.GetString());
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{path}: {e.Message}");
        }
    }

    private static List<string> Strings(JsonElement root, string property, string path)
    {
        if (!root.TryGetProperty(property, out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new InvalidInputException($"{path}: '{property}' must be an array of strings.");
        return array.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
    }

    internal static List<ValidationQuery> ValidationQueriesOf(JsonElement root, string path)
    {
        if (!root.TryGetProperty("validationQueries", out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new InvalidInputException($"{path}: 'validationQueries' must be an array.");
        return array.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => new ValidationQuery(item.GetString() ?? ""),
            JsonValueKind.Object => new ValidationQuery(
                item.TryGetProperty("sql", out var sql) ? sql.GetString() ?? "" : "",
                item.TryGetProperty("expect", out var expect) ? expect.ToString() : null),
            _ => throw new InvalidInputException($"{path}: a validation query is a string or an object with 'sql' and 'expect'."),
        }).ToList();
    }
}
