using System.Globalization;
using AiBos.Migrations;

namespace AiBos.MigrationConsole.Api;

/// <summary>
/// Route and query values arrive as text and are parsed here, so that a bad one gets a 400 saying what to send
/// rather than a route that does not match (404) or a binder's empty 400.
/// </summary>
public static class ApiInput
{
    public static Guid Id(string text, string what) =>
        Guid.TryParse(text, out var id) ? id
            : throw new InvalidInputException($"'{Shorten(text)}' is not a {what} id: send the id (a GUID) as the API or list returned it.");

    public static long Number(string text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
            : throw new InvalidInputException($"'{Shorten(text)}' is not a {what} id: send the positive number the list returned.");

    public static int? OptionalInt(string? text, string name, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidInputException($"'{name}' must be a whole number from {min} to {max}, not '{Shorten(text)}'.");
    }

    public static bool Flag(string? text, string name) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new InvalidInputException($"'{name}' must be true or false, not '{Shorten(text)}'."),
    };

    /// <summary>An empty query value means "no filter".</summary>
    public static string? Filter(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidInputException($"'{name}' is required.") : value.Trim();

    /// <summary>Who is asking, for the audit log: the authenticated user when there is one, else "api".</summary>
    public static string Actor(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "api";

    // Hostile input is echoed back only in part.
    private static string Shorten(string text) => text.Length > 64 ? text[..64] + "..." : text;
}
