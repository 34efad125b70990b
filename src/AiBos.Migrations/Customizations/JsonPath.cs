using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiBos.Migrations.Customizations;

/// <summary>A dot-separated property path inside a document, such as <c>layout.columns</c>. No wildcards, no indexes.</summary>
internal sealed partial record JsonPath(IReadOnlyList<string> Segments)
{
    public const int MaxSegments = 10;

    [GeneratedRegex(@"^[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}\z")]
    private static partial Regex Segment();

    public string Last => Segments[^1];

    public static bool TryParse(string? text, out JsonPath path)
    {
        path = new JsonPath([]);
        if (string.IsNullOrEmpty(text) || text.Length > 300) return false;
        var segments = text.Split('.');
        if (segments.Length > MaxSegments || !segments.All(s => Segment().IsMatch(s))) return false;
        path = new JsonPath(segments);
        return true;
    }

    public static bool IsPropertyName(string? text) => text is not null && Segment().IsMatch(text);

    /// <summary>The object holding the last segment; null when a step on the way is missing or not an object.</summary>
    public JsonObject? Parent(JsonObject root)
    {
        JsonObject current = root;
        foreach (var segment in Segments.Take(Segments.Count - 1))
        {
            if (current[segment] is not JsonObject next) return null;
            current = next;
        }
        return current;
    }

    /// <summary>The object holding the last segment, creating missing objects; null when a step is a value, not an object.</summary>
    public JsonObject? EnsureParent(JsonObject root)
    {
        JsonObject current = root;
        foreach (var segment in Segments.Take(Segments.Count - 1))
        {
            if (!current.TryGetPropertyValue(segment, out var next) || next is null)
            {
                var created = new JsonObject();
                current[segment] = created;
                current = created;
                continue;
            }
            if (next is not JsonObject nextObject) return null;
            current = nextObject;
        }
        return current;
    }

    public bool Exists(JsonObject root) => Parent(root)?.ContainsKey(Last) == true;

    public override string ToString() => string.Join('.', Segments);
}
