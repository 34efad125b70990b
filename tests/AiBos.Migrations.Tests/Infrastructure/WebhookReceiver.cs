using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AiBos.Migrations.Tests.Infrastructure;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 that records the JSON bodies POSTed to it. It answers with the given status
/// codes in turn (the last one from then on), 200 by default.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly Queue<int> _answers;
    private readonly int _lastAnswer;
    private readonly Task _loop;

    public WebhookReceiver(params int[] answers)
    {
        _answers = new Queue<int>(answers.Length == 0 ? [200] : answers);
        _lastAnswer = answers.Length == 0 ? 200 : answers[^1];
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/aibos";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every body received, in order, including those answered with an error.</summary>
    public IReadOnlyList<JsonElement> Received => [.. _received];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
                _received.Enqueue(JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone());
            lock (_answers) context.Response.StatusCode = _answers.Count > 0 ? _answers.Dequeue() : _lastAnswer;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
