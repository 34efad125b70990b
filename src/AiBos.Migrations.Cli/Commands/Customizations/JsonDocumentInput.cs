using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>
/// A JSON object given on the command line: <c>--json '{...}'</c> inline, or <c>--file doc.json</c> (<c>--file -</c>
/// reads standard input). Malformed JSON is an input error that names where it broke.
/// </summary>
public sealed class JsonDocumentInput
{
    private readonly Option<string?> _json;
    private readonly Option<string?> _file;

    public JsonDocumentInput(string what)
    {
        _json = new Option<string?>("--json") { Description = $"{what} as inline JSON", HelpName = "object" };
        _file = new Option<string?>("--file", "-f") { Description = $"{what} from a JSON file ('-': standard input)", HelpName = "path" };
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_json);
        command.Options.Add(_file);
    }

    public bool IsGiven(ParseResult parse) => parse.GetValue(_json) is not null || parse.GetValue(_file) is not null;

    /// <summary>The object, or null when neither option was given.</summary>
    public async Task<JsonObject?> ReadAsync(ParseResult parse, TextReader stdin, CancellationToken cancellationToken)
    {
        var (inline, file) = (parse.GetValue(_json), parse.GetValue(_file));
        if (inline is not null && file is not null)
            throw new InvalidInputException("Give the document either with --json or with --file, not both.");
        string text, source;
        if (inline is not null) (text, source) = (inline, "--json");
        else if (file == "-") (text, source) = (await stdin.ReadToEndAsync(cancellationToken), "standard input");
        else if (file is not null)
        {
            if (!File.Exists(file)) throw new InvalidInputException($"File '{file}' does not exist: give the path of a JSON file with --file.");
            (text, source) = (await File.ReadAllTextAsync(file, cancellationToken), $"file '{file}'");
        }
        else return null;

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidInputException($"The document in {source} must be a JSON object ({{ ... }}).");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"The document in {source} is not valid JSON: {e.Message}");
        }
    }
}
