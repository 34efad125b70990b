namespace AiBos.Migrations.Cli.Output;

/// <summary>With --output json, what stdout holds when a command fails before it has a result: <c>{"error": {...}}</c>.</summary>
public sealed record ErrorDocument(ErrorBody Error);
