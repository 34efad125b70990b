using AiBos.Migrations;
using AiBos.Migrations.Backups;
using AiBos.Migrations.Tenancy;

namespace AiBos.MigrationConsole.Api.Backups;

/// <summary>
/// Rollback points (the seed's <c>createRollbackPoint</c>/<c>restoreFromRollbackPoint</c>): named ones holding a full
/// backup, and those runs leave after each step. The CLI's create-rollback-point, list-rollback-points, restore-rollback-point.
/// </summary>
public static class RollbackPointEndpoints
{
    public static void MapRollbackPointEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{tenant}/modules/{module}/rollback-points", ListAsync).WithTags("Backups");
        var points = api.MapGroup("/rollback-points").WithTags("Backups");
        points.MapPost("/", CreateAsync);
        points.MapGet("/{id}", async (string id, RollbackPoints service, CancellationToken cancellationToken) =>
            TypedResults.Ok(await service.GetAsync(ApiInput.Number(id, "rollback point"), cancellationToken)));
        points.MapPost("/{id}/restore", RestoreAsync);
    }

    private static async Task<IResult> ListAsync(string tenant, string module, TenantService tenants, RollbackPoints service, CancellationToken cancellationToken)
    {
        var known = await tenants.GetTenantAsync(tenant, cancellationToken);
        Identifiers.ValidateModuleName(module);
        return TypedResults.Ok(await service.ListAsync(known.Key, module, cancellationToken));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<CreateRollbackPointRequest>(request, cancellationToken);
        var point = await engine.CreateRollbackPointAsync(ApiInput.Required(body.Tenant, "tenant"), ApiInput.Required(body.Module, "module"),
            ApiInput.Required(body.Version, "version"), body.RunId, ApiInput.Required(body.Description, "description"),
            ApiInput.Actor(request.HttpContext), cancellationToken);
        return TypedResults.Created($"{MigrationApi.Prefix}/rollback-points/{point.Id}", point);
    }

    private static async Task<IResult> RestoreAsync(string id, HttpRequest request, ModuleMigrationService engine, RollbackPoints service,
        CancellationToken cancellationToken)
    {
        var point = await service.GetAsync(ApiInput.Number(id, "rollback point"), cancellationToken);
        var body = await RequestBody.ReadOptionalAsync(request, new RestoreRequest(), cancellationToken);
        var outcome = await engine.RestoreFromRollbackPointAsync(point.Id, body.ConfirmDiscard, ApiInput.Actor(request.HttpContext), cancellationToken);
        return RestoreResults.From(outcome, point.BackupId ?? Guid.Empty, point.Id);
    }
}
