using AiBos.Migrations.Execution;
using AiBos.Migrations.Rollouts;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Tests.Rollouts;

/// <summary>What the rollout tests share: tenants with a module installed, and reading back what a rollout did.</summary>
internal static class RolloutSetup
{
    public static async Task InstallOnAsync(TestEngine t, string module, string version, params string[] tenants)
    {
        foreach (var tenant in tenants)
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, module, version);
        }
    }

    public static string StatusOf(Rollout rollout, string tenant) => rollout.Tenants.Single(x => x.Tenant == tenant).Status;

    /// <summary>The upgrade runs (not installs, not rollback runs) of a module, oldest first.</summary>
    public static async Task<List<MigrationRun>> UpgradeRunsAsync(TestEngine t, string module)
    {
        var runs = await t.Engine.ListMigrationsAsync(new MigrationFilter(module, Limit: 1000), CancellationToken.None);
        return runs.Where(r => r.Kind == RunKind.Upgrade).OrderBy(r => r.StartedAt).ToList();
    }

    public static Task<string> VersionAsync(TestEngine t, string tenant, string module) =>
        t.ScalarAsync<string>($"SELECT version FROM tenant_{tenant}.aibos_module_versions WHERE module = '{module}'");
}
