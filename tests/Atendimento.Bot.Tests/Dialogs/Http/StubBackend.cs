using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    private readonly ConcurrentQueue<BackendRequest> _requests = new();

    private StubBackend(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<BackendRequest> Requests => [.. _requests];

    public static async Task<StubBackend> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new StubBackend(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            backend._requests.Enqueue(new BackendRequest(context.Request.Method, context.Request.Path.Value ?? "", await reader.ReadToEndAsync(context.RequestAborted)));
            await answer(context, backend._requests.Count);
        });
        await app.StartAsync();
        backend.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return backend;
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
