using AiBos.Migrations.Cli.Tests.Infrastructure;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.Migrations.Cli.Tests.Runs;

public sealed class RecoverTests(PostgresServer server)
{
    [Fact]
    public async Task recover_rolls_back_or_holds_runs_whose_process_died_per_their_policy()
    {
        await using var t = await TestEngine.StartAsync(server);
        await t.RegisterSamplesAsync("accounting");
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await t.CreateTenantAsync(tenant);
            await t.InstallAsync(tenant, "accounting", "1.0.0");
        }
        var rolledBack = await AbandonRunAsync(t, "acme", rollbackOnFailure: true);
        var held = await AbandonRunAsync(t, "globex", rollbackOnFailure: false);
        var cli = CliRunner.For(t);

        var result = await cli.RunAsync("recover", "-o", "json");
        var again = (await cli.RunAsync("recover")).ShouldSucceed();

        Assert.Equal(5, result.ExitCode);
        var recovered = result.Json.GetProperty("recovered").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetGuid(), r => r.GetProperty("outcome").GetString());
        Assert.Equal("rolled-back", recovered[rolledBack]);
        Assert.Equal("needs-operator", recovered[held]);
        Assert.Equal("rolled-back", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{rolledBack}'"));
        Assert.Equal("needs-operator", await t.ScalarAsync<string>($"SELECT status FROM aibos.module_migrations WHERE id = '{held}'"));
        Assert.Contains("No abandoned runs.", again.Out);
    }

    /// <summary>A run as a killed process leaves it: running, its schema step running, its heartbeat an hour old.</summary>
    internal static async Task<Guid> AbandonRunAsync(TestEngine t, string tenant, bool rollbackOnFailure)
    {
        var id = Guid.CreateVersion7();
        var options = $"{{\"rollbackOnFailure\": {(rollbackOnFailure ? "true" : "false")}}}";
        await t.ExecuteAsync($"""
            INSERT INTO aibos.module_migrations (id, tenant_key, module, from_version, to_version, kind, status, options, requested_by,
                                                 created_at, started_at, heartbeat_at, owner)
            VALUES ('{id}', '{tenant}', 'accounting', '1.0.0', '2.0.0', 'upgrade', 'running', '{options}', 'test',
                    now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour', 'dead-host:1:0000');
            INSERT INTO aibos.migration_steps (run_id, ordinal, kind, name, status, started_at, items_done, items_total)
            VALUES ('{id}', 1, 'schema', 'Apply Schema Changes', 'running', now() - interval '1 hour', 0, 3),
                   ('{id}', 2, 'validation', 'Validate Migration', 'pending', NULL, 0, 0);
            """);
        return id;
    }
}
