using System.Text.Json.Nodes;

namespace AiBos.MigrationConsole.Api.Customizations;

/// <summary>Releases a quarantined customization; <c>replacement</c>, when given, is the document to put back instead.</summary>
public sealed record ReleaseRequest(JsonObject? Replacement);
