using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// What Meta answered to a send: the wamid on success (or only <c>{"success": true}</c> for a mark-as-read, specs §5),
/// else its error code (specs §6.1) and Retry-After.
/// </summary>
public sealed record GraphSendResult(string? Wamid, int? ErrorCode, HttpStatusCode Status, TimeSpan? RetryAfter, string? TraceId, bool Acknowledged = false)
{
    public bool Succeeded => Wamid is not null || Acknowledged;
}

/// <summary><c>POST {base}/{version}/{phone-number-id}/messages</c> with the number's bearer token.</summary>
public sealed class GraphApiClient(IHttpClientFactory httpClients, IOptions<WhatsAppOptions> options)
{
    public const string HttpClientName = "whatsapp-graph";

    public async Task<GraphSendResult> SendAsync(WhatsAppNumberOptions number, string payload, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var uri = new Uri($"{settings.GraphBaseUrl.TrimEnd('/')}/{settings.GraphApiVersion}/{Uri.EscapeDataString(number.PhoneNumberId)}/messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", number.AccessToken);
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        if (response.IsSuccessStatusCode && body?["messages"] is JsonArray { Count: > 0 } messages && messages[0].Str("id") is { } wamid)
        {
            return new GraphSendResult(wamid, null, response.StatusCode, null, null);
        }
        if (response.IsSuccessStatusCode && body?["success"] is JsonValue success && success.TryGetValue<bool>(out var done) && done)
        {
            return new GraphSendResult(null, null, response.StatusCode, null, null, Acknowledged: true);
        }
        var error = body.Obj("error");
        return new GraphSendResult(null, error.Int("code"), response.StatusCode, retryAfter, error.Str("fbtrace_id"));
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (System.Text.Json.JsonException)
        {
            // A proxy's HTML error page: the HTTP status alone decides.
            return null;
        }
    }
}

/// <summary>Which failures are worth another try (specs §6.2); everything else is a dead letter.</summary>
public static class GraphErrors
{
    public const int WindowClosed = 131047;
    public const int PairRateLimit = 131056;

    private static readonly HashSet<int> Transient = [130429, 131056, 4, 80007, 131000, 1, 2, 131016, 131057];

    public static bool IsTransient(GraphSendResult result) =>
        result.ErrorCode is { } code ? Transient.Contains(code) : (int)result.Status >= 500 || result.Status == HttpStatusCode.TooManyRequests;

    /// <summary>The code a failed send is recorded with: Meta's, else the HTTP status.</summary>
    public static int CodeOf(GraphSendResult result) => result.ErrorCode ?? (int)result.Status;
}
