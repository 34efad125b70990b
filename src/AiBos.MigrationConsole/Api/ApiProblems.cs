using AiBos.Migrations;

namespace AiBos.MigrationConsole.Api;

/// <summary>
/// The one place where the API turns the engine's refusals into RFC 7807 problems: invalid input 400, unknown
/// tenant/run/backup 404, a busy tenant 409. Anything else is the engine's failure, not the caller's: 503 when a
/// database cannot be reached, 500 otherwise (logged with its stack trace).
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "https://aibos.dev/problems/";

    public static IResult From(Exception exception) => exception switch
    {
        InvalidInputException invalid => Problem(StatusCodes.Status400BadRequest, "invalid-input", "The request is invalid", invalid.Message,
            new Dictionary<string, object?> { ["problems"] = invalid.Problems }),
        NotFoundException => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", exception.Message),
        TenantBusyException busy => TenantBusy(busy.Tenant),
        _ when DatabaseFailures.IsUnreachable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "database-unreachable",
            "A database cannot be reached", "The catalog or a shard database did not answer: check that it is running, then try again."),
        MigrationException => Problem(StatusCodes.Status500InternalServerError, "migration-error", "The engine failed", exception.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "unexpected-error", "Unexpected error", "The server failed unexpectedly; its log has the details."),
    };

    public static IResult TenantBusy(string tenant) => Problem(StatusCodes.Status409Conflict, "tenant-busy", "The tenant is busy",
        $"Tenant '{tenant}' is busy with another run or restore; nothing was touched. Try again when it has finished.",
        new Dictionary<string, object?> { ["tenant"] = tenant });

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);

    /// <summary>True when the failure is the caller's or a known state of the world, not a bug worth a stack trace.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is InvalidInputException or NotFoundException or TenantBusyException;
}
