using AiBos.Migrations;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Tenants;

/// <summary><c>/api/v1/tenants</c>: the CLI's list-tenants and add-tenant, and one tenant with its module versions.</summary>
public static class TenantEndpoints
{
    public const string DefaultShard = "main";

    public static void MapTenantEndpoints(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapGet("/", async (TenantOverview overview, CancellationToken cancellationToken) =>
            TypedResults.Ok(await overview.ListAsync(cancellationToken)));
        tenants.MapGet("/{key}", async (string key, TenantOverview overview, CancellationToken cancellationToken) =>
            TypedResults.Ok(await overview.GetAsync(key, cancellationToken)));
        tenants.MapPost("/", RegisterAsync);
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, TenantService tenants, TenantOverview overview, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<RegisterTenantRequest>(request, cancellationToken);
        var key = ApiInput.Required(body.Key, "key");
        var tenant = await tenants.RegisterTenantAsync(key, ApiInput.Required(body.DisplayName, "displayName"),
            ApiInput.Filter(body.Shard) ?? DefaultShard, ApiInput.Filter(body.Schema), cancellationToken);
        return TypedResults.Created($"{MigrationApi.Prefix}/tenants/{tenant.Key}", await overview.GetAsync(tenant.Key, cancellationToken));
    }
}
