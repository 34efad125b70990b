namespace AiBos.Migrations.Cli.Output;

/// <summary>The exit code, a stable kind (invalid-input, not-found, tenant-busy, database-unreachable, cancelled, unexpected-error) and the message.</summary>
public sealed record ErrorBody(int ExitCode, string Kind, string Message);
