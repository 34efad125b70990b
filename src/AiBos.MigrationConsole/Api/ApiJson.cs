using System.Text.Json;
using System.Text.Json.Serialization;
using AiBos.Migrations.Registry;

namespace AiBos.MigrationConsole.Api;

/// <summary>The API's JSON: web defaults (camelCase), enums as kebab-case strings, versions as "1.2.0".</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new SemanticVersionConverter());
    }

    private sealed class SemanticVersionConverter : JsonConverter<SemanticVersion>
    {
        public override SemanticVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SemanticVersion.TryParse(reader.GetString(), out var version) ? version : throw new JsonException("Not a semantic version.");

        public override void Write(Utf8JsonWriter writer, SemanticVersion value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
