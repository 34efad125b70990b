namespace AiBos.Migrations.Cli.Commands.Runs;

/// <summary>A run recovered by <c>recover</c>: its outcome is rolled-back or needs-operator (with the reason).</summary>
public sealed record RecoveredDocument(Guid RunId, string Tenant, string Module, string Outcome, string? Reason);
