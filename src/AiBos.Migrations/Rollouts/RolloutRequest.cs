using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// Upgrade <paramref name="Module"/> to <paramref name="Version"/> on many tenants. Each tenant's run starts from the
/// version the tenant is at; tenants without the module or already at or after the version are skipped.
/// </summary>
public sealed record RolloutRequest(string Module, string Version)
{
    /// <summary>The tenants, in the order they are upgraded (the first ones are the canaries; a repeated key counts once); null: every registered tenant, by key.</summary>
    public IReadOnlyList<string>? Tenants { get; init; }

    public RolloutPolicy Policy { get; init; } = new();

    /// <summary>The options of every tenant's run, as execute-migration takes them.</summary>
    public MigrationOptions? Options { get; init; }
}
