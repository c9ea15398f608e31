using System.Text.Json;
using System.Threading.Channels;
using Atendimento.Bot.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atendimento.Integration.Tests.Emulator;

/// <summary>
/// Plays the Bot Framework Emulator's channel side (specs §2): a real HTTP server on loopback serving the Connector
/// API paths the bot replies to, recording every activity, and answering 200 {id} as the Emulator does.
/// </summary>
public sealed class FakeEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string Path, Activity Activity)> _received = Channel.CreateUnbounded<(string, Activity)>();

    private FakeEmulator(WebApplication app) => _app = app;

    private int _failuresToServe;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The next <paramref name="count"/> requests fail with 503, as an Emulator that is restarting would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToServe, count);

    public static async Task<FakeEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new FakeEmulator(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", emulator.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.ServiceUrl = address;
        return emulator;
    }

    /// <summary>The next activity the bot sent, with the request path it used.</summary>
    public async Task<(string Path, Activity Activity)> NextAsync(TimeSpan? timeout = null)
    {
        using var patience = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _received.Reader.ReadAsync(patience.Token);
    }

    public async Task<Activity> NextMessageAsync(string fragment)
    {
        while (true)
        {
            var (_, activity) = await NextAsync();
            if (activity.Type == ActivityTypes.Message && activity.Text?.Contains(fragment, StringComparison.Ordinal) == true)
            {
                return activity;
            }
        }
    }

    public bool TryTakeAny(out Activity? activity)
    {
        var taken = _received.Reader.TryRead(out var item);
        activity = taken ? item.Activity : null;
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (Interlocked.Decrement(ref _failuresToServe) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ActivityJson.Options);
        if (activity?.From is null)
        {
            // The real Emulator fails a reply without 'from' (specs §6.16).
            return Results.BadRequest(new { error = new { code = "BadArgument", message = "from is required" } });
        }
        await _received.Writer.WriteAsync((Uri.UnescapeDataString(request.Path), activity));
        return Results.Ok(new { id = Guid.NewGuid().ToString() });
    }
}
