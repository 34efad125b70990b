using System.Text.Json;
using AiBos.Migrations;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AiBos.MigrationConsole.Api;

/// <summary>
/// Reads a JSON request body inside the endpoint (not by the framework's binder), so that a malformed or missing
/// body is an <see cref="InvalidInputException"/> saying what is wrong, answered as a 400 problem like any other.
/// </summary>
public static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            throw new InvalidInputException("The request body must be JSON: send it with Content-Type: application/json.");
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<T>(options, cancellationToken)
                ?? throw new InvalidInputException("The request body is empty (null): send a JSON object.");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            throw new InvalidInputException($"The request body is not valid JSON for this request{where}: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>Reads an optional body: a request without one gets <paramref name="empty"/>.</summary>
    public static async Task<T> ReadOptionalAsync<T>(HttpRequest request, T empty, CancellationToken cancellationToken) where T : class =>
        request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null)
            ? empty
            : await ReadAsync<T>(request, cancellationToken);

    // System.Text.Json appends path and position details that the problem already carries.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
