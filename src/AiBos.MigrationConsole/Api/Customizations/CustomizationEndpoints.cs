using System.Text.Json.Nodes;
using AiBos.Migrations;

namespace AiBos.MigrationConsole.Api.Customizations;

/// <summary>
/// A tenant's customizations and the quarantine: documents a run could not adapt to the new version, kept with
/// their original content until an operator releases them (optionally with a corrected document) or discards them.
/// </summary>
public static class CustomizationEndpoints
{
    public static void MapCustomizationEndpoints(this RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/tenants/{tenant}").WithTags("Customizations");
        tenant.MapGet("/modules/{module}/customizations", async (string tenant, string module, ModuleMigrationService engine, CancellationToken cancellationToken) =>
            TypedResults.Ok(await engine.GetTenantCustomizationsAsync(tenant, module, cancellationToken)));
        tenant.MapPut("/modules/{module}/customizations/{kind}/{key}", SaveAsync);
        tenant.MapGet("/quarantine", ListQuarantineAsync);
        tenant.MapPost("/quarantine/{id}/release", ReleaseAsync);
        tenant.MapPost("/quarantine/{id}/discard", DiscardAsync);
    }

    /// <summary>Creates or changes one document (the body, a JSON object); it conforms to the tenant's installed version.</summary>
    private static async Task<IResult> SaveAsync(string tenant, string module, string kind, string key, HttpRequest request, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        var document = await RequestBody.ReadAsync<JsonObject>(request, cancellationToken);
        var saved = await engine.SaveTenantCustomizationAsync(tenant, module, kind, key, document, ApiInput.Actor(request.HttpContext), cancellationToken);
        // Read back as stored, with the time the tenant's database gave it.
        var stored = await engine.GetTenantCustomizationsAsync(tenant, module, cancellationToken);
        return TypedResults.Ok(stored.SingleOrDefault(d => d.Kind == saved.Kind && d.Key == saved.Key) ?? saved);
    }

    private static async Task<IResult> ListQuarantineAsync(string tenant, string? module, string? includeResolved, ModuleMigrationService engine,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListQuarantinedCustomizationsAsync(tenant, ApiInput.Filter(module), cancellationToken,
            ApiInput.Flag(includeResolved, "includeResolved")));

    /// <summary>Puts a quarantined document back into the active set: as it was, or as the <c>replacement</c> given.</summary>
    private static async Task<IResult> ReleaseAsync(string tenant, string id, HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var quarantineId = ApiInput.Number(id, "quarantined customization");
        var body = await RequestBody.ReadOptionalAsync(request, new ReleaseRequest(null), cancellationToken);
        var document = await engine.ReleaseQuarantinedCustomizationAsync(tenant, quarantineId, body.Replacement, ApiInput.Actor(request.HttpContext), cancellationToken);
        return TypedResults.Ok(document);
    }

    private static async Task<IResult> DiscardAsync(string tenant, string id, HttpContext http, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        await engine.DiscardQuarantinedCustomizationAsync(tenant, ApiInput.Number(id, "quarantined customization"), ApiInput.Actor(http), cancellationToken);
        return TypedResults.NoContent();
    }
}
