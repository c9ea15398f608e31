using System.Collections.Concurrent;
using Atendimento.Bot.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atendimento.Bot.Tests.Dialogs.Http;

/// <summary>One request the backend received.</summary>
internal sealed record BackendRequest(string Method, string Path, string Body);

/// <summary>
/// A business backend on a real loopback HTTP server: every request is recorded, and the test's handler answers it
/// knowing which attempt (1, 2, ...) it is.
/// </summary>
internal sealed class StubBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BackendRequest> _requests;

    private StubBackend(WebApplication app, ConcurrentQueue<BackendRequest> requests) => (_app, _requests) = (app, requests);

    public string BaseUrl { get; private init; } = "";

    public IReadOnlyList<BackendRequest> Requests => [.. _requests];

    public static async Task<StubBackend> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var requests = new ConcurrentQueue<BackendRequest>();
        var (app, baseUrl) = await LoopbackServer.StartAsync(web => web.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            requests.Enqueue(new BackendRequest(context.Request.Method, context.Request.Path.Value ?? "", await reader.ReadToEndAsync(context.RequestAborted)));
            await answer(context, requests.Count);
        }));
        return new StubBackend(app, requests) { BaseUrl = baseUrl };
    }

    public static Task Json(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Never answers: the caller's timeout has to end the request.</summary>
    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
