namespace AiBos.MigrationConsole.Api;

/// <summary>The REST API, <c>/api/v1</c>: the seed's engine calls for scripts and pipelines.</summary>
public static class MigrationApi
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapMigrationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return endpoints;
    }
}
