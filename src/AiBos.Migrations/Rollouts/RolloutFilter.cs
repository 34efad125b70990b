namespace AiBos.Migrations.Rollouts;

/// <summary>Which rollouts to list, newest first.</summary>
public sealed record RolloutFilter(string? Module = null, string? Status = null, int Limit = 100);
