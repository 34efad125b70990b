using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AiBos.MigrationConsole.Tests.Api;

/// <summary>
/// The API as a script sees it: JSON in, JSON out, read as plain JSON nodes so that the tests check the wire format
/// (names, strings for enums and versions), not the server's types.
/// </summary>
public static class ApiCalls
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Token);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient client, string path, object? body = null)
    {
        var response = body is null
            ? await client.PostAsync(path, null, Token)
            : await client.PostAsJsonAsync(path, body, Token);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PutJsonAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body, Token);
        return (response.StatusCode, await ReadAsync(response), response);
    }

    /// <summary>Posts <paramref name="raw"/> as it is, for bodies no serializer would write.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(this HttpClient client, string path, string raw, string contentType = "application/json")
    {
        using var content = new StringContent(raw, Encoding.UTF8, contentType);
        var response = await client.PostAsync(path, content, Token);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Polls a run until it leaves running/rolling-back, and returns it.</summary>
    public static async Task<JsonNode> WaitForRunAsync(this HttpClient client, string location, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, run, _) = await client.GetJsonAsync(location);
            Assert.Equal(HttpStatusCode.OK, status);
            if (run!["status"]!.GetValue<string>() is not ("running" or "rolling-back")) return run;
            Assert.True(DateTime.UtcNow < deadline, $"Run {location} still {run["status"]} after the deadline.");
            await Task.Delay(100, Token);
        }
    }

    /// <summary>
    /// Polls a run until it has <paramref name="status"/>. A finished run undone by a rollback run turns rolled-back
    /// just after the rollback run completes.
    /// </summary>
    public static async Task<JsonNode> WaitForRunStatusAsync(this HttpClient client, string location, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var run = (await client.GetJsonAsync(location)).Body!;
            if (run["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline) return run;
            await Task.Delay(50, Token);
        }
    }

    /// <summary>Asserts an RFC 7807 problem of the given status and type, and returns its detail.</summary>
    public static string AssertProblem(this (HttpStatusCode Status, JsonNode? Body) answer, HttpStatusCode status, string type)
    {
        Assert.Equal(status, answer.Status);
        Assert.NotNull(answer.Body);
        Assert.Equal((int)status, answer.Body["status"]!.GetValue<int>());
        Assert.Equal("https://aibos.dev/problems/" + type, answer.Body["type"]!.GetValue<string>());
        var detail = answer.Body["detail"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail;
    }

    public static string AssertProblem(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) answer, HttpStatusCode status, string type) =>
        (answer.Status, answer.Body).AssertProblem(status, type);

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }
}
