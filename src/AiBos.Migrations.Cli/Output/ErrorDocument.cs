namespace AiBos.Migrations.Cli.Output;

/// <summary>With --output json, what stdout holds when a command fails before it has a result: <c>{"error": {...}}</c>.</summary>
public sealed record ErrorDocument(ErrorBody Error);

/// <summary>The exit code, a stable kind (invalid-input, not-found, database-unreachable, cancelled, unexpected-error) and the message.</summary>
public sealed record ErrorBody(int ExitCode, string Kind, string Message);
