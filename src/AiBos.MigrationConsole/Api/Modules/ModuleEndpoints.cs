using AiBos.Migrations;
using AiBos.Migrations.Registry;

namespace AiBos.MigrationConsole.Api.Modules;

/// <summary><c>/api/v1/modules</c>: the CLI's list-modules, register-module and list-data-rules, and the module's drift report.</summary>
public static class ModuleEndpoints
{
    public static void MapModuleEndpoints(this RouteGroupBuilder api)
    {
        var modules = api.MapGroup("/modules").WithTags("Modules");
        modules.MapGet("/", async (ModuleCatalog catalog, CancellationToken cancellationToken) => TypedResults.Ok(await catalog.ListAsync(cancellationToken)));
        modules.MapGet("/{module}", async (string module, ModuleCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.GetAsync(module, cancellationToken)));
        modules.MapPost("/", RegisterAsync);
        modules.MapGet("/{module}/data-rules", DataRulesAsync);
        modules.MapGet("/{module}/drift", DriftAsync);
    }

    /// <summary>Registers a module folder that is on the server's disk, all or nothing (the CLI's register-module).</summary>
    private static async Task<IResult> RegisterAsync(HttpRequest request, ModuleMigrationService engine, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<RegisterModuleRequest>(request, cancellationToken);
        var result = await engine.RegisterModuleFolderAsync(ApiInput.Required(body.Path, "path"), body.Replace, cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> DataRulesAsync(string module, string? version, ModuleCatalog catalog, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        var registered = await catalog.GetAsync(module, cancellationToken);
        var only = ApiInput.Filter(version) is { } text ? SemanticVersion.Parse(text) : null;
        if (only is not null && registered.Versions.All(v => v.Version != only.ToString()))
            throw new NotFoundException($"Version {only} of module '{module}' is not registered: see GET {MigrationApi.Prefix}/modules/{module}.");
        var rules = await engine.GetDataRulesAsync(module, cancellationToken);
        return TypedResults.Ok(rules.Where(r => only is null || r.Version == only).Select(DataRuleDocument.From).ToList());
    }

    /// <summary>Every tenant of the module whose schema differs from what its version should be (the engine's drift report).</summary>
    private static async Task<IResult> DriftAsync(string module, string? version, ModuleCatalog catalog, ModuleMigrationService engine,
        CancellationToken cancellationToken)
    {
        await catalog.GetAsync(module, cancellationToken);
        return TypedResults.Ok(await engine.DriftReportAsync(module, ApiInput.Filter(version), cancellationToken));
    }
}
