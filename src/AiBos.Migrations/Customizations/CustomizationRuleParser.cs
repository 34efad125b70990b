using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiBos.Migrations.Registry;

namespace AiBos.Migrations.Customizations;

/// <summary>
/// Reads customization rules from JSON and checks every part, collecting all problems, each naming where it is
/// (file, rule) and what is wrong. Input is treated as hostile: sizes, depths and counts are bounded.
/// </summary>
internal static partial class CustomizationRuleParser
{
    public const int MaxFileBytes = 1_000_000;
    public const int MaxOperations = 200;
    public const int MaxMapEntries = 1000;
    public const int MaxKindLength = 63;
    public static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\z")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^[a-z][a-z0-9_.-]{0,62}\z")]
    private static partial Regex Kind();

    public static bool IsValidKind(string? kind) => kind is not null && Kind().IsMatch(kind);

    /// <summary>Parses a file's text: one rule object, or an array of them. Problems are added; parsed rules returned.</summary>
    public static List<CustomizationRule> ParseFile(string text, string where, SemanticVersion version, int firstOrdinal,
        IReadOnlySet<string> adapters, List<string> problems)
    {
        if (text.Length > MaxFileBytes)
        {
            problems.Add($"{where}: the file is larger than {MaxFileBytes} bytes.");
            return [];
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, NodeOptions, JsonOptions);
        }
        catch (JsonException e)
        {
            problems.Add($"{where}: not valid JSON ({e.Message}).");
            return [];
        }
        var items = root switch
        {
            JsonArray array => array.ToList(),
            JsonObject => [root],
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            problems.Add($"{where}: must hold a rule object or a non-empty array of rule objects.");
            return [];
        }
        var rules = new List<CustomizationRule>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Parse(items[i], $"{where} rule #{i + 1}", version, firstOrdinal + i, adapters, problems) is { } rule)
                rules.Add(rule);
        }
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"{where}: rule id '{duplicate.Key}' is used more than once.");
        return rules;
    }

    /// <summary>Parses one rule object; null (with problems added) when it is invalid.</summary>
    public static CustomizationRule? Parse(JsonNode? node, string where, SemanticVersion version, int ordinal, IReadOnlySet<string> adapters,
        List<string> problems)
    {
        if (node is not JsonObject rule)
        {
            problems.Add($"{where}: a rule must be a JSON object.");
            return null;
        }
        var before = problems.Count;
        var id = rule["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : null;
        if (id is null) problems.Add($"{where}: the rule has no \"id\" (a string such as \"rename-label\").");
        else if (!RuleId().IsMatch(id)) problems.Add($"{where}: the rule id '{Shorten(id)}' may hold only letters, digits, '_', '.', '-' (at most 100).");
        else where = $"{where} ('{id}')";

        foreach (var unknown in rule.Select(p => p.Key).Except(["id", "appliesTo", "operations", "adapter", "description"]))
            problems.Add($"{where}: unknown field \"{Shorten(unknown)}\" (a rule has id, appliesTo, operations or adapter, and description).");

        var appliesTo = ParseAppliesTo(rule["appliesTo"], rule.ContainsKey("appliesTo"), where, problems);
        var operations = new List<CustomizationOperation>();
        string? adapter = null;
        var hasOperations = rule.ContainsKey("operations");
        var hasAdapter = rule.ContainsKey("adapter");
        if (hasOperations == hasAdapter)
            problems.Add($"{where}: a rule has either \"operations\" or \"adapter\", {(hasOperations ? "not both" : "and this one has neither")}.");
        else if (hasOperations)
            operations = ParseOperations(rule["operations"], where, problems);
        else if (rule["adapter"] is JsonValue a && a.GetValueKind() == JsonValueKind.String && a.GetValue<string>() is { Length: > 0 } name)
        {
            adapter = name;
            if (!adapters.Contains(name))
                problems.Add($"{where}: names the adapter '{Shorten(name)}', which no module registered (known: {(adapters.Count == 0 ? "none" : string.Join(", ", adapters.Order(StringComparer.Ordinal)))}).");
        }
        else
            problems.Add($"{where}: \"adapter\" must be the name of a registered C# adapter.");

        if (problems.Count > before || id is null) return null;
        return new CustomizationRule(id, version, ordinal, appliesTo, rule.ToJsonString()) { Operations = operations, Adapter = adapter };
    }

    private static List<string>? ParseAppliesTo(JsonNode? node, bool present, string where, List<string> problems)
    {
        if (!present)
        {
            problems.Add($"{where}: \"appliesTo\" is missing: give the document kinds, such as [\"custom_field\"], or \"*\" for all.");
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "*") return null;
        if (node is JsonArray kinds && kinds.Count is > 0 and <= 100)
        {
            var list = new List<string>();
            foreach (var kind in kinds)
            {
                if (kind is JsonValue k && k.GetValueKind() == JsonValueKind.String && IsValidKind(k.GetValue<string>())) list.Add(k.GetValue<string>());
                else problems.Add($"{where}: \"appliesTo\" holds {MapValuesOperation.Shown(kind)}, which is not a document kind (lower-case letters, digits, '_', '.', '-').");
            }
            return list;
        }
        problems.Add($"{where}: \"appliesTo\" must be \"*\" or a non-empty array of document kinds.");
        return null;
    }

    private static List<CustomizationOperation> ParseOperations(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            problems.Add($"{where}: \"operations\" must be a non-empty array.");
            return [];
        }
        if (array.Count > MaxOperations)
        {
            problems.Add($"{where}: {array.Count} operations; a rule may have at most {MaxOperations}.");
            return [];
        }
        var operations = new List<CustomizationOperation>();
        for (var i = 0; i < array.Count; i++)
        {
            if (CustomizationOperationParser.Parse(array[i], $"{where} operation #{i + 1}", problems) is { } operation)
                operations.Add(operation);
        }
        return operations;
    }

    internal static string Shorten(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 60 ? clean[..57] + "..." : clean;
    }
}
