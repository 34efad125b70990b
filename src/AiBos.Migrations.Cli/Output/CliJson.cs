using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiBos.Migrations.Cli.Output;

/// <summary>The JSON of --output json: camelCase names, enums as kebab-case strings, nulls kept so that every field is always there.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by scripts and people, never embedded in HTML: keep quotes and non-ASCII text as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes one JSON document (and a newline).</summary>
    public static void Write<T>(TextWriter writer, T document)
    {
        writer.WriteLine(JsonSerializer.Serialize(document, Options));
        writer.Flush();
    }
}
