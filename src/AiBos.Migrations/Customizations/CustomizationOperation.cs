using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiBos.Migrations.Customizations;

/// <summary>What an operation knows besides the document: the module, the target version and its columns.</summary>
internal sealed record OperationContext(string Module, string TargetVersion, IReadOnlySet<string>? Columns);

/// <summary>
/// One declarative change of a customization rule. Apply changes the document in place and returns null, or returns
/// why the document cannot be adapted (it is then quarantined, unchanged). A path that is missing is left alone.
/// </summary>
internal abstract record CustomizationOperation
{
    public abstract string? Apply(JsonObject document, OperationContext context);
}

/// <summary><c>{ "op": "rename", "path": "a.label", "to": "title" }</c>: renames a property, in place.</summary>
internal sealed record RenameOperation(JsonPath Path, string To) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        var parent = Path.Parent(document);
        if (parent is null || !parent.TryGetPropertyValue(Path.Last, out var value)) return null;
        if (parent.ContainsKey(To)) return $"cannot rename {Path} to {To}: the document already has {To}";
        var index = parent.IndexOf(Path.Last);
        parent.RemoveAt(index);
        parent.Insert(index, To, value);
        return null;
    }
}

/// <summary><c>{ "op": "move", "from": "a.b", "to": "c.d" }</c>: moves a value, creating the objects on the way.</summary>
internal sealed record MoveOperation(JsonPath From, JsonPath To) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        var source = From.Parent(document);
        if (source is null || !source.TryGetPropertyValue(From.Last, out var value)) return null;
        if (To.Exists(document)) return $"cannot move {From} to {To}: the document already has {To}";
        source.Remove(From.Last);
        var target = To.EnsureParent(document);
        if (target is null) return $"cannot move {From} to {To}: a part of {To} is a value, not an object";
        target[To.Last] = value;
        return null;
    }
}

/// <summary><c>{ "op": "remove", "path": "a.obsolete" }</c>.</summary>
internal sealed record RemoveOperation(JsonPath Path) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        Path.Parent(document)?.Remove(Path.Last);
        return null;
    }
}

/// <summary><c>{ "op": "setDefault", "path": "a.width", "value": 120 }</c>: sets the value when the property is missing.</summary>
internal sealed record SetDefaultOperation(JsonPath Path, JsonNode? Value) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        if (Path.Exists(document)) return null;
        var parent = Path.EnsureParent(document);
        if (parent is null) return $"cannot set a default for {Path}: a part of it is a value, not an object";
        parent[Path.Last] = Value?.DeepClone();
        return null;
    }
}

/// <summary>
/// <c>{ "op": "mapValues", "path": "chart", "map": { "pie3d": "pie" }, "unmapped": "keep" | "quarantine" }</c>: replaces
/// a value by its mapping (a scalar is matched by its text: "pie3d", "1", "true").
/// </summary>
internal sealed record MapValuesOperation(JsonPath Path, IReadOnlyDictionary<string, JsonNode?> Map, bool QuarantineUnmapped) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        var parent = Path.Parent(document);
        if (parent is null || !parent.TryGetPropertyValue(Path.Last, out var value)) return null;
        var text = value switch
        {
            null => "null",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
        if (text is not null && Map.TryGetValue(text, out var mapped))
        {
            parent[Path.Last] = mapped?.DeepClone();
            return null;
        }
        return QuarantineUnmapped ? $"{Path} has the value {Shown(value)}, which no mapping covers" : null;
    }

    internal static string Shown(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length > 80 ? json[..77] + "..." : json;
    }
}

/// <summary><c>{ "op": "changeType", "path": "width", "to": "number" | "string" | "boolean" | "array" }</c>.</summary>
internal sealed record ChangeTypeOperation(JsonPath Path, string To) : CustomizationOperation
{
    public static readonly IReadOnlyList<string> Types = ["number", "string", "boolean", "array"];

    public override string? Apply(JsonObject document, OperationContext context)
    {
        var parent = Path.Parent(document);
        if (parent is null || !parent.TryGetPropertyValue(Path.Last, out var value) || value is null) return null;
        var kind = value.GetValueKind();
        JsonNode? converted = (To, kind) switch
        {
            ("number", JsonValueKind.Number) or ("string", JsonValueKind.String) or ("boolean", JsonValueKind.True or JsonValueKind.False)
                or ("array", JsonValueKind.Array) => value,
            ("number", JsonValueKind.String) when decimal.TryParse(value.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                => JsonValue.Create(n),
            ("string", JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) => JsonValue.Create(value.ToJsonString()),
            ("boolean", JsonValueKind.String) when bool.TryParse(value.GetValue<string>().Trim(), out var b) => JsonValue.Create(b),
            ("boolean", JsonValueKind.Number) when value.ToJsonString() is "0" or "1" => JsonValue.Create(value.ToJsonString() == "1"),
            ("array", JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object)
                => new JsonArray(value.DeepClone()),
            _ => null,
        };
        if (converted is null) return $"{Path} has the value {MapValuesOperation.Shown(value)}, which cannot be converted to {To}";
        if (!ReferenceEquals(converted, value)) parent[Path.Last] = converted;
        return null;
    }
}

/// <summary>
/// <c>{ "op": "requireColumn", "path": "binding" }</c>: the value at path names a column of the module as
/// <c>table.column</c>; when the target version's schema has no such column, the document is quarantined.
/// </summary>
internal sealed record RequireColumnOperation(JsonPath Path) : CustomizationOperation
{
    public override string? Apply(JsonObject document, OperationContext context)
    {
        var parent = Path.Parent(document);
        if (parent is null || !parent.TryGetPropertyValue(Path.Last, out var value) || value is null || context.Columns is null) return null;
        if (value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Split('.') is not [{ Length: > 0 } table, { Length: > 0 } column])
            return $"{Path} should name a column as table.column, not {MapValuesOperation.Shown(value)}";
        return context.Columns.Contains($"{table}.{column}")
            ? null
            : $"column {table}.{column} no longer exists in {context.Module} {context.TargetVersion}";
    }
}
