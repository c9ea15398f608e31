using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>One request the bot made to the Graph API: the path, the Authorization header and the JSON body.</summary>
public sealed record GraphRequest(string Path, string? Authorization, JsonObject Body)
{
    public string? To => Body["to"]?.GetValue<string>();

    /// <summary>The words the customer sees: a text body or an interactive message's body.</summary>
    public string? Text => Body["text"]?["body"]?.GetValue<string>() ?? Body["interactive"]?["body"]?["text"]?.GetValue<string>();
}

/// <summary>
/// Plays Meta's Graph API (specs §5, §9): a real HTTP server on loopback taking <c>POST /{version}/{phone-number-id}/messages</c>,
/// recording each request and answering the success body with a fresh wamid, or an error a test queued.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<GraphRequest> _received = Channel.CreateUnbounded<GraphRequest>();
    private readonly ConcurrentQueue<(int Status, int Code)> _errors = new();
    private int _sequence;

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", graph.ReceiveAsync);
        await app.StartAsync();
        graph.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return graph;
    }

    /// <summary>The next send answers with Meta's error envelope (specs §6.1) instead of a wamid.</summary>
    public void FailNext(int httpStatus, int code) => _errors.Enqueue((httpStatus, code));

    /// <summary>The next message sent to <paramref name="to"/> whose text contains <paramref name="fragment"/>; others are skipped.</summary>
    public async Task<GraphRequest> NextToAsync(string to, string fragment, TimeSpan? timeout = null)
    {
        using var patience = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var request = await _received.Reader.ReadAsync(patience.Token);
            if (request.To == to && request.Text?.Contains(fragment, StringComparison.Ordinal) == true)
            {
                return request;
            }
        }
    }

    /// <summary>Everything received for <paramref name="to"/> so far and not yet taken.</summary>
    public List<GraphRequest> TakeAllTo(string to)
    {
        var taken = new List<GraphRequest>();
        while (_received.Reader.TryRead(out var request))
        {
            if (request.To == to)
            {
                taken.Add(request);
            }
        }
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, string version, string phoneNumberId)
    {
        if (await JsonNode.ParseAsync(request.Body) is not JsonObject body || body["messaging_product"]?.GetValue<string>() != "whatsapp")
        {
            return Error(StatusCodes.Status400BadRequest, 100);
        }
        await _received.Writer.WriteAsync(new GraphRequest(request.Path, request.Headers.Authorization, body));
        if (_errors.TryDequeue(out var error))
        {
            return Error(error.Status, error.Code);
        }
        var wamid = $"wamid.FAKE{Interlocked.Increment(ref _sequence):D6}";
        var to = body["to"]?.GetValue<string>();
        return Results.Ok(new { messaging_product = "whatsapp", contacts = new[] { new { input = to, wa_id = to } }, messages = new[] { new { id = wamid } } });
    }

    private static IResult Error(int status, int code) => Results.Json(
        new { error = new { message = $"(#{code}) fake error", type = "OAuthException", code, fbtrace_id = "FakeTrace" } }, statusCode: status);
}
