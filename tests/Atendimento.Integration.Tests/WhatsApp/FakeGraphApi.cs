using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Atendimento.Bot.Channels.WhatsApp;
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

    /// <summary>The customer message this request marks read, when it is a mark-as-read.</summary>
    public string? MarksRead => Body["status"]?.GetValue<string>() == "read" ? Body["message_id"]?.GetValue<string>() : null;

    /// <summary>The words the customer sees: a text body or an interactive message's body.</summary>
    public string? Text => Body["text"]?["body"]?.GetValue<string>() ?? Body["interactive"]?["body"]?["text"]?.GetValue<string>();

    /// <summary>The sender's key of the message (<c>biz_opaque_callback_data</c>): the same on every resend of one message.</summary>
    public string? Key => Body["biz_opaque_callback_data"]?.GetValue<string>();
}

/// <summary>A message the fake took (answered with a wamid), with when it took it (Stopwatch ticks).</summary>
public sealed record AcceptedMessage(string PhoneNumberId, string? Key, string Wamid, long At);

/// <summary>
/// Plays Meta's Graph API (specs §5, §9): a real HTTP server on loopback taking <c>POST /{version}/{phone-number-id}/messages</c>,
/// recording each request and answering the success body with a fresh wamid, or an error a test queued, or (with
/// <see cref="InjectServerErrors"/>) a random share of 5xx answers, given before the message is taken. With
/// <see cref="ReportStatusesTo"/> it can later POST a signed failed-status webhook back, as Meta does (specs §6.1).
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private static readonly (int Status, int? Code)[] ServerErrors = [(500, 131000), (503, 131016), (502, null)];
    private readonly WebApplication _app;
    private readonly Channel<GraphRequest> _received = Channel.CreateUnbounded<GraphRequest>();
    private readonly ConcurrentQueue<QueuedFailure> _errors = new();
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private readonly ConcurrentQueue<int> _laterFailures = new();
    private readonly ConcurrentQueue<AcceptedMessage> _accepted = new();
    private readonly ConcurrentQueue<(string PhoneNumberId, long At)> _requestTimes = new();
    private readonly Lock _randomGate = new();
    private readonly HttpClient _webhooks = new();
    private Random _random = new(1);
    private double _serverErrorRatio;
    private (Uri Webhook, string AppSecret)? _statusTarget;
    private int _sequence;
    private int _injected;

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every message taken, in the order it was taken.</summary>
    public IReadOnlyCollection<AcceptedMessage> Accepted => _accepted;

    /// <summary>For which number and when (Stopwatch ticks) each send request arrived, taken or not.</summary>
    public IReadOnlyCollection<(string PhoneNumberId, long At)> RequestTimes => _requestTimes;

    public int InjectedServerErrors => _injected;

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

    /// <summary>The next send answers with Meta's error envelope (specs §6.1) instead of a wamid, with Retry-After when given.</summary>
    public void FailNext(int httpStatus, int code, TimeSpan? retryAfter = null) => _errors.Enqueue(new QueuedFailure(httpStatus, code, retryAfter));

    /// <summary>The next send answers <paramref name="httpStatus"/> with an empty body (a proxy's or a load balancer's 429, 502...).</summary>
    public void FailNextWithoutBody(int httpStatus, TimeSpan? retryAfter = null) => _errors.Enqueue(new QueuedFailure(httpStatus, null, retryAfter));

    /// <summary>
    /// The next send is answered only after <paramref name="delay"/>. A client that gives up first has sent nothing that
    /// counts: the fake takes the message only when the caller is still there to hear the answer.
    /// </summary>
    public void AnswerNextAfter(TimeSpan delay) => _delays.Enqueue(delay);

    /// <summary>The next send is taken (200 and a wamid), then a failed status with <paramref name="code"/> is POSTed back.</summary>
    public void FailLaterNext(int code) => _laterFailures.Enqueue(code);

    /// <summary>Where failed-status webhooks go, signed with the app secret as Meta signs them.</summary>
    public void ReportStatusesTo(Uri botBaseAddress, string appSecret) => _statusTarget = (new Uri(botBaseAddress, "/webhooks/whatsapp"), appSecret);

    /// <summary>This share of the sends (seeded, so a run can be repeated) answers 500, 503 or 502 without taking the message.</summary>
    public void InjectServerErrors(double ratio, int seed)
    {
        lock (_randomGate)
        {
            (_serverErrorRatio, _random) = (ratio, new Random(seed));
        }
    }

    /// <summary>Forgets what was taken and seen so far (a benchmark's warm-up); queued errors stay.</summary>
    public void ForgetHistory()
    {
        _accepted.Clear();
        _requestTimes.Clear();
        Interlocked.Exchange(ref _injected, 0);
    }

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

    /// <summary>The next mark-as-read of <paramref name="wamid"/>; other requests are skipped.</summary>
    public async Task<GraphRequest> NextMarkReadAsync(string wamid, TimeSpan? timeout = null)
    {
        using var patience = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var request = await _received.Reader.ReadAsync(patience.Token);
            if (request.MarksRead == wamid)
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
        _webhooks.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, string version, string phoneNumberId)
    {
        _requestTimes.Enqueue((phoneNumberId, Stopwatch.GetTimestamp()));
        if (await JsonNode.ParseAsync(request.Body) is not JsonObject body || body["messaging_product"]?.GetValue<string>() != "whatsapp")
        {
            return Error(StatusCodes.Status400BadRequest, 100);
        }
        var received = new GraphRequest(request.Path, request.Headers.Authorization, body);
        await _received.Writer.WriteAsync(received);
        if (_delays.TryDequeue(out var delay) && !await OutwaitAsync(delay, request.HttpContext.RequestAborted))
        {
            return Results.Empty;
        }
        if (_errors.TryDequeue(out var error))
        {
            return error.Answer(request.HttpContext.Response);
        }
        if (NextServerError() is { } injected)
        {
            Interlocked.Increment(ref _injected);
            return injected.Code is { } code ? Error(injected.Status, code) : Results.Text("<html>Bad Gateway</html>", "text/html", statusCode: injected.Status);
        }
        if (body["status"]?.GetValue<string>() == "read")
        {
            // Mark-as-read (specs §5): no message is created, so no wamid.
            return Results.Ok(new { success = true });
        }
        var wamid = $"wamid.FAKE{Interlocked.Increment(ref _sequence):D6}";
        _accepted.Enqueue(new AcceptedMessage(phoneNumberId, received.Key, wamid, Stopwatch.GetTimestamp()));
        if (_laterFailures.TryDequeue(out var laterCode))
        {
            _ = Task.Run(() => PostFailedStatusAsync(phoneNumberId, received.To, wamid, laterCode));
        }
        return Results.Ok(new { messaging_product = "whatsapp", contacts = new[] { new { input = received.To, wa_id = received.To } }, messages = new[] { new { id = wamid } } });
    }

    /// <summary>False when the caller hung up during the wait.</summary>
    private static async Task<bool> OutwaitAsync(TimeSpan delay, CancellationToken callerGone)
    {
        try
        {
            await Task.Delay(delay, callerGone);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private (int Status, int? Code)? NextServerError()
    {
        lock (_randomGate)
        {
            return _serverErrorRatio > 0 && _random.NextDouble() < _serverErrorRatio ? ServerErrors[_random.Next(ServerErrors.Length)] : null;
        }
    }

    private async Task PostFailedStatusAsync(string phoneNumberId, string? to, string wamid, int code)
    {
        if (_statusTarget is not { } target)
        {
            return;
        }
        // A moment later, as Meta does: the bot has stored the wamid by then (it also copes if not).
        await Task.Delay(200);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[] { new { id = "102290129340398", changes = new[] { new { field = "messages", value = new
            {
                messaging_product = "whatsapp",
                metadata = new { display_phone_number = "15550783881", phone_number_id = phoneNumberId },
                statuses = new[] { new { id = wamid, status = "failed", timestamp = "1780000100", recipient_id = to,
                    errors = new[] { new { code, title = "Re-engagement message", message = "Re-engagement message" } } } },
            } } } } },
        }));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var post = new HttpRequestMessage(HttpMethod.Post, target.Webhook) { Content = content };
        post.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(body, target.AppSecret));
        using var response = await _webhooks.SendAsync(post);
    }

    private static IResult Error(int status, int code) => Results.Json(
        new { error = new { message = $"(#{code}) fake error", type = "OAuthException", code, fbtrace_id = "FakeTrace" } }, statusCode: status);

    private sealed record QueuedFailure(int Status, int? Code, TimeSpan? RetryAfter)
    {
        public IResult Answer(HttpResponse response)
        {
            if (RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Code is { } code ? Error(Status, code) : Results.StatusCode(Status);
        }
    }
}
