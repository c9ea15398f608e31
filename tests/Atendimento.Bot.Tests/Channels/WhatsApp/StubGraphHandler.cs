using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>An in-process Graph API for unit tests: records the bodies it is sent and answers from a script, then with success.</summary>
internal sealed class StubGraphHandler : HttpMessageHandler, IHttpClientFactory
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();
    private int _sequence;

    public List<(Uri Uri, string? Authorization, JsonObject Body)> Requests { get; } = [];

    public void ThenError(HttpStatusCode status, int code, TimeSpan? retryAfter = null) => _script.Enqueue(() =>
    {
        var response = Json(status, $$$"""{"error": {"message": "(#{{{code}}}) x", "type": "OAuthException", "code": {{{code}}}, "fbtrace_id": "T"}}""");
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }
        return response;
    });

    public void ThenThrow() => _script.Enqueue(() => throw new HttpRequestException("connection refused"));

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        if (_script.TryDequeue(out var next))
        {
            return next();
        }
        return body["status"] is not null
            ? Json(HttpStatusCode.OK, """{"success": true}""")
            : Json(HttpStatusCode.OK, $$$"""{"messaging_product": "whatsapp", "messages": [{"id": "wamid.STUB{{{++_sequence}}}"}]}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
