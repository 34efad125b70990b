using System.Text.Json.Nodes;
using AiBos.Migrations.Customizations;

namespace AiBos.Migrations.Cli.Commands.Customizations;

/// <summary>One active customization document as the CLI prints it in JSON.</summary>
public sealed record CustomizationDocumentView(
    string Module, string Kind, string Key, string Version, int Revision, DateTimeOffset UpdatedAt, string? UpdatedBy, JsonObject Document)
{
    public static CustomizationDocumentView From(CustomizationDocument document) => new(
        document.Module, document.Kind, document.Key, document.Version.ToString(), document.Revision, document.UpdatedAt, document.UpdatedBy,
        document.Document);
}
