using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.DataTransforms;

/// <summary>
/// Reads data rules in the seed's JSON shape (a rule object, or an array of them, per file) and writes the canonical
/// form the catalog keeps, whose SHA-256 is the rule's checksum.
/// </summary>
public static class DataRuleJson
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly HashSet<string> KnownProperties =
        ["id", "sourceTable", "targetTable", "transformationType", "mapping", "conditions", "validationQueries", "batchSize"];

    /// <summary>Every rule of a <c>data/*.json</c> file; problems name the file and the rule.</summary>
    public static IReadOnlyList<DataRule> ReadFile(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not valid JSON ({e.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var problems = new List<string>();
            var rules = new List<DataRule>();
            foreach (var element in elements)
            {
                try { rules.Add(Parse(element, path)); }
                catch (InvalidInputException e) { problems.AddRange(e.Problems); }
            }
            if (problems.Count > 0) throw new InvalidInputException(problems);
            return rules;
        }
    }

    public static DataRule Parse(string json, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            return Parse(document.RootElement, where);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{where}: not valid JSON ({e.Message}).");
        }
    }

    /// <summary>Reads one rule's shape (types of the fields); what the fields say is checked by <see cref="DataRuleChecks"/>.</summary>
    public static DataRule Parse(JsonElement rule, string where)
    {
        if (rule.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{where}: a data rule is a JSON object with id, sourceTable, targetTable, transformationType and mapping.");
        var id = rule.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
        var at = id.Length > 0 ? $"{where}, rule '{id}'" : where;
        var problems = new List<string>();
        foreach (var unknown in rule.EnumerateObject().Select(p => p.Name).Where(n => !KnownProperties.Contains(n)))
            problems.Add($"{at}: unknown property '{unknown}' (a data rule has {string.Join(", ", KnownProperties)}).");

        string Text(string name, string? fallback = null)
        {
            if (!rule.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (fallback is null) problems.Add($"{at}: '{name}' is missing.");
                return fallback ?? "";
            }
            if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
            problems.Add($"{at}: '{name}' must be a string.");
            return "";
        }

        var mapping = new List<ColumnMapping>();
        if (rule.TryGetProperty("mapping", out var map) && map.ValueKind != JsonValueKind.Null)
        {
            // The seed's form is an object; the catalog keeps an array of pairs, because jsonb does not keep key order.
            if (map.ValueKind == JsonValueKind.Array
                && map.EnumerateArray().All(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("source", out var a) && a.ValueKind == JsonValueKind.String
                    && p.TryGetProperty("target", out var b) && b.ValueKind == JsonValueKind.String))
                mapping.AddRange(map.EnumerateArray().Select(p => new ColumnMapping(p.GetProperty("source").GetString()!, p.GetProperty("target").GetString()!)));
            else if (map.ValueKind != JsonValueKind.Object) problems.Add($"{at}: 'mapping' must be an object of source column -> target column.");
            else
                foreach (var pair in map.EnumerateObject())
                {
                    if (pair.Value.ValueKind == JsonValueKind.String) mapping.Add(new ColumnMapping(pair.Name, pair.Value.GetString()!));
                    else problems.Add($"{at}: the mapping of '{pair.Name}' must be a target column name (a string).");
                }
        }

        var conditions = new List<string>();
        if (rule.TryGetProperty("conditions", out var conds) && conds.ValueKind != JsonValueKind.Null)
        {
            if (conds.ValueKind != JsonValueKind.Array || conds.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                problems.Add($"{at}: 'conditions' must be an array of SQL boolean expressions (strings).");
            else conditions.AddRange(conds.EnumerateArray().Select(c => c.GetString()!));
        }

        int? batchSize = null;
        if (rule.TryGetProperty("batchSize", out var batch) && batch.ValueKind != JsonValueKind.Null)
        {
            if (batch.ValueKind == JsonValueKind.Number && batch.TryGetInt32(out var size)) batchSize = size;
            else problems.Add($"{at}: 'batchSize' must be a whole number.");
        }

        List<ValidationQuery> queries = [];
        try { queries = MigrationMetadata.ValidationQueriesOf(rule, at); }
        catch (InvalidInputException e) { problems.AddRange(e.Problems); }

        var result = new DataRule(id, Text("sourceTable"), Text("targetTable"), Text("transformationType", DataRule.Transform),
            mapping, conditions, queries, batchSize);
        if (problems.Count > 0) throw new InvalidInputException(problems);
        return result;
    }

    /// <summary>The canonical JSON kept in the catalog (fixed property order, the seed's names).</summary>
    public static string Canonical(DataRule rule)
    {
        var mapping = new JsonArray(rule.Mapping.Select(m => (JsonNode?)new JsonObject { ["source"] = m.Source, ["target"] = m.Target }).ToArray());
        var node = new JsonObject
        {
            ["id"] = rule.Id,
            ["sourceTable"] = rule.SourceTable,
            ["targetTable"] = rule.TargetTable,
            ["transformationType"] = rule.TransformationType,
            ["mapping"] = mapping,
            ["conditions"] = new JsonArray(rule.Conditions.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["validationQueries"] = new JsonArray(rule.ValidationQueries.Select(q => (JsonNode?)(q.Expect is null
                ? JsonValue.Create(q.Sql)
                : new JsonObject { ["sql"] = q.Sql, ["expect"] = q.Expect })).ToArray()),
            ["batchSize"] = rule.BatchSize,
        };
        return node.ToJsonString();
    }

    public static string Checksum(DataRule rule) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(rule))));
}
