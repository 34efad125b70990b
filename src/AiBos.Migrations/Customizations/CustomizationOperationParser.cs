using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiBos.Migrations.Customizations;

/// <summary>Reads one declarative operation of a customization rule, naming every problem.</summary>
internal static class CustomizationOperationParser
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["rename"] = ["path", "to"],
        ["move"] = ["from", "to"],
        ["remove"] = ["path"],
        ["setDefault"] = ["path", "value"],
        ["mapValues"] = ["path", "map", "unmapped"],
        ["changeType"] = ["path", "to"],
        ["requireColumn"] = ["path"],
    };

    public static CustomizationOperation? Parse(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonObject operation)
        {
            problems.Add($"{where}: an operation must be a JSON object such as {{ \"op\": \"rename\", \"path\": \"label\", \"to\": \"title\" }}.");
            return null;
        }
        var op = Text(operation, "op");
        if (op is null || !Fields.TryGetValue(op, out var allowed))
        {
            problems.Add($"{where}: unknown operation {(op is null ? "(no \"op\")" : $"'{CustomizationRuleParser.Shorten(op)}'")}; use one of {string.Join(", ", Fields.Keys)}.");
            return null;
        }
        where = $"{where} ({op})";
        var before = problems.Count;
        foreach (var unknown in operation.Select(p => p.Key).Except(allowed.Append("op")))
            problems.Add($"{where}: unknown field \"{CustomizationRuleParser.Shorten(unknown)}\" (expected {string.Join(", ", allowed)}).");
        CustomizationOperation? result = op switch
        {
            "rename" => Both(Path(operation, "path", where, problems), Name(operation, "to", where, problems), (p, to) => new RenameOperation(p, to)),
            "move" => Both(Path(operation, "from", where, problems), Path(operation, "to", where, problems), (from, to) => new MoveOperation(from, to)),
            "remove" => Path(operation, "path", where, problems) is { } p ? new RemoveOperation(p) : null,
            "setDefault" => Both(Path(operation, "path", where, problems), Required(operation, "value", where, problems),
                (p, _) => new SetDefaultOperation(p, operation["value"]?.DeepClone())),
            "mapValues" => ParseMap(operation, where, problems),
            "changeType" => Both(Path(operation, "path", where, problems), TypeName(operation, where, problems), (p, type) => new ChangeTypeOperation(p, type)),
            "requireColumn" => Path(operation, "path", where, problems) is { } p ? new RequireColumnOperation(p) : null,
            _ => null,
        };
        return problems.Count > before ? null : result;
    }

    private static MapValuesOperation? ParseMap(JsonObject operation, string where, List<string> problems)
    {
        var path = Path(operation, "path", where, problems);
        var unmapped = operation.ContainsKey("unmapped") ? Text(operation, "unmapped") : "keep";
        if (unmapped is not ("keep" or "quarantine"))
            problems.Add($"{where}: \"unmapped\" must be \"keep\" or \"quarantine\".");
        if (operation["map"] is not JsonObject map || map.Count is 0 or > CustomizationRuleParser.MaxMapEntries)
        {
            problems.Add($"{where}: \"map\" must be an object of 1 to {CustomizationRuleParser.MaxMapEntries} value mappings, such as {{ \"pie3d\": \"pie\" }}.");
            return null;
        }
        if (path is null || unmapped is not ("keep" or "quarantine")) return null;
        return new MapValuesOperation(path, map.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal), unmapped == "quarantine");
    }

    private static string? TypeName(JsonObject operation, string where, List<string> problems)
    {
        var type = Text(operation, "to");
        if (type is not null && ChangeTypeOperation.Types.Contains(type)) return type;
        problems.Add($"{where}: \"to\" must be one of {string.Join(", ", ChangeTypeOperation.Types)}.");
        return null;
    }

    private static JsonPath? Path(JsonObject operation, string field, string where, List<string> problems)
    {
        var text = Text(operation, field);
        if (text is null)
        {
            problems.Add($"{where}: \"{field}\" is missing: give a dot-separated property path such as \"layout.title\".");
            return null;
        }
        if (JsonPath.TryParse(text, out var path)) return path;
        problems.Add($"{where}: \"{field}\" is a bad path '{CustomizationRuleParser.Shorten(text)}': use at most {JsonPath.MaxSegments} dot-separated property names of letters, digits, '_', '$', '-'.");
        return null;
    }

    private static string? Name(JsonObject operation, string field, string where, List<string> problems)
    {
        var text = Text(operation, field);
        if (JsonPath.IsPropertyName(text)) return text;
        problems.Add($"{where}: \"{field}\" must be a property name (letters, digits, '_', '$', '-'){(text is null ? "" : $", not '{CustomizationRuleParser.Shorten(text)}'")}.");
        return null;
    }

    private static string? Required(JsonObject operation, string field, string where, List<string> problems)
    {
        if (operation.ContainsKey(field)) return field;
        problems.Add($"{where}: \"{field}\" is missing.");
        return null;
    }

    // Both fields are read (so that every problem is named) before either is required.
    private static CustomizationOperation? Both<TA, TB>(TA? a, TB? b, Func<TA, TB, CustomizationOperation> create)
        where TA : class where TB : class =>
        a is not null && b is not null ? create(a, b) : null;

    private static string? Text(JsonObject operation, string field) =>
        operation[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
