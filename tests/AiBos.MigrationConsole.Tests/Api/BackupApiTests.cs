using System.Net;
using AiBos.Migrations.Tests.Infrastructure;

namespace AiBos.MigrationConsole.Tests.Api;

public sealed class BackupApiTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Reports = "tenant_acme.financial_reports";

    private static async Task<ApiScenario> StartWithReportsAsync(PostgresServer server)
    {
        var api = await ApiScenario.StartAsync(server);
        await api.RegisterModuleAsync(TestPaths.Samples("accounting"));
        await api.AddTenantAsync("acme");
        await api.InstallAsync("acme", "accounting", "1.0.0");
        await api.LoadDemoDataAsync("acme", "accounting");
        return api;
    }

    private static Task AddReportsAsync(ApiScenario api, int count) => api.ExecuteSqlAsync(
        $"INSERT INTO {Reports} (title, period_start, period_end) SELECT 'Written after the backup ' || n, date '2026-01-01', date '2026-01-31' FROM generate_series(1, {count}) AS n");

    [Fact]
    public async Task A_restore_that_would_discard_rows_is_409_with_the_numbers_until_confirmed_then_restores_and_verifies()
    {
        await using var api = await StartWithReportsAsync(server);
        var rowsAtBackup = await api.CountAsync(Reports);

        var created = await api.Client.PostJsonAsync("/api/v1/backups", new { tenant = "acme", module = "accounting", version = "1.0.0", type = "full" });
        var location = created.Response.Headers.Location!.ToString();
        await AddReportsAsync(api, 3);
        var preview = await api.Client.GetJsonAsync(location + "/restore-preview");
        var unconfirmed = await api.Client.PostJsonAsync(location + "/restore");
        var rowsAfterRefusal = await api.CountAsync(Reports);
        var confirmed = await api.Client.PostJsonAsync(location + "/restore", new { confirmDiscard = true });
        var listed = await api.Client.GetJsonAsync("/api/v1/backups?tenant=acme&module=accounting");
        var shown = await api.Client.GetJsonAsync(location);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var backupId = created.Body!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/backups/{backupId}", location);
        Assert.Equal("full", created.Body["type"]!.GetValue<string>());
        Assert.Equal("ready", created.Body["status"]!.GetValue<string>());
        Assert.Equal(3, preview.Body!["rowsDiscarded"]!.GetValue<long>());
        Assert.Contains("3 row(s)", unconfirmed.AssertProblem(HttpStatusCode.Conflict, "confirmation-required"), StringComparison.Ordinal);
        Assert.Equal(3, unconfirmed.Body!["rowsDiscarded"]!.GetValue<long>());
        Assert.Equal(3, unconfirmed.Body["preview"]!["tables"]!.AsArray().Sum(t => t!["rowsDiscarded"]!.GetValue<long>()));
        Assert.Equal(rowsAtBackup + 3, rowsAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("restored", confirmed.Body!["outcome"]!.GetValue<string>());
        Assert.Equal(3, confirmed.Body["rowsDiscarded"]!.GetValue<long>());
        Assert.NotEmpty(confirmed.Body["verified"]!.AsArray());
        Assert.Equal(rowsAtBackup, await api.CountAsync(Reports));
        Assert.Contains(listed.Body!.AsArray(), b => b!["id"]!.GetValue<string>() == backupId);
        Assert.Equal(backupId, shown.Body!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rollback_point_holds_a_backup_and_restores_the_module_to_it()
    {
        await using var api = await StartWithReportsAsync(server);
        var rowsAtPoint = await api.CountAsync(Reports);

        var created = await api.Client.PostJsonAsync("/api/v1/rollback-points",
            new { tenant = "acme", module = "accounting", version = "1.0.0", description = "Before the year-end cleanup" });
        await AddReportsAsync(api, 2);
        var points = await api.Client.GetJsonAsync("/api/v1/tenants/acme/modules/accounting/rollback-points");
        var pointId = created.Body!["id"]!.GetValue<long>();
        var unconfirmed = await api.Client.PostJsonAsync($"/api/v1/rollback-points/{pointId}/restore", new { confirmDiscard = false });
        var restored = await api.Client.PostJsonAsync($"/api/v1/rollback-points/{pointId}/restore", new { confirmDiscard = true });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.NotNull(created.Body["backupId"]);
        Assert.Contains(points.Body!.AsArray(), p => p!["id"]!.GetValue<long>() == pointId && p["description"]!.GetValue<string>() == "Before the year-end cleanup");
        unconfirmed.AssertProblem(HttpStatusCode.Conflict, "confirmation-required");
        Assert.Equal(HttpStatusCode.OK, restored.Status);
        Assert.Equal(pointId, restored.Body!["rollbackPointId"]!.GetValue<long>());
        Assert.Equal(rowsAtPoint, await api.CountAsync(Reports));
    }

    [Fact]
    public async Task Cleanup_answers_what_it_did_and_bad_backup_requests_are_problems()
    {
        await using var api = await StartWithReportsAsync(server);

        var cleanup = await api.Client.PostJsonAsync("/api/v1/backups/cleanup");
        var unknown = await api.Client.GetJsonAsync($"/api/v1/backups/{Guid.NewGuid()}");
        var unknownRestore = await api.Client.PostJsonAsync($"/api/v1/backups/{Guid.NewGuid()}/restore", new { confirmDiscard = true });
        var badId = await api.Client.GetJsonAsync("/api/v1/backups/12345/restore-preview");
        var badType = await api.Client.PostJsonAsync("/api/v1/backups", new { tenant = "acme", module = "accounting", type = "weekly" });
        var wrongVersion = await api.Client.PostJsonAsync("/api/v1/backups", new { tenant = "acme", module = "accounting", version = "2.0.0" });
        var unknownTenant = await api.Client.PostJsonAsync("/api/v1/backups", new { tenant = "nobody", module = "accounting" });
        var hostileFilter = await api.Client.GetJsonAsync("/api/v1/backups?tenant=" + Uri.EscapeDataString("a' OR '1'='1"));
        var malformed = await api.Client.PostRawAsync("/api/v1/backups", "{tenant: acme}");
        var unknownPoint = await api.Client.PostJsonAsync("/api/v1/rollback-points/987654/restore", new { confirmDiscard = true });
        var unknownTenantPoints = await api.Client.GetJsonAsync("/api/v1/tenants/nobody/modules/accounting/rollback-points");

        Assert.Equal(HttpStatusCode.OK, cleanup.Status);
        Assert.Empty(cleanup.Body!["deleted"]!.AsArray());
        Assert.NotNull(cleanup.Body["kept"]!.AsArray());
        unknown.AssertProblem(HttpStatusCode.NotFound, "not-found");
        unknownRestore.AssertProblem(HttpStatusCode.NotFound, "not-found");
        badId.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Contains("weekly", badType.AssertProblem(HttpStatusCode.BadRequest, "invalid-input"), StringComparison.Ordinal);
        wrongVersion.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        unknownTenant.AssertProblem(HttpStatusCode.NotFound, "not-found");
        hostileFilter.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        malformed.AssertProblem(HttpStatusCode.BadRequest, "invalid-input");
        unknownPoint.AssertProblem(HttpStatusCode.NotFound, "not-found");
        unknownTenantPoints.AssertProblem(HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await api.Client.GetJsonAsync("/api/v1/backups")).Body!.AsArray());
    }
}
