using AiBos.MigrationConsole.Api.Runs;

namespace AiBos.MigrationConsole.Api.Rollouts;

/// <summary>
/// <c>POST /api/v1/rollouts</c>: the CLI's start-rollout. Upgrade <paramref name="Module"/> to <paramref name="Version"/>
/// on <paramref name="Tenants"/> (in that order; null: every registered tenant), paced by the policy fields (unset:
/// the engine's defaults), every tenant's run with <paramref name="Options"/>.
/// </summary>
public sealed record StartRolloutBody(
    string? Module, string? Version, IReadOnlyList<string>? Tenants, int? Canary, int? WaveSize, int? Concurrency, int? MaxFailures,
    DateTimeOffset? NotAfter, RunOptionsRequest? Options);
