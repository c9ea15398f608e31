using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Sla;

/// <summary>The JSON an SLA event travels as, to the agents' feed and to webhooks.</summary>
public static class SlaEventJson
{
    public static string Serialize(SlaEvent raised) => JsonSerializer.Serialize(new
    {
        id = raised.Id,
        tenant = raised.TenantId.Value,
        ticketId = raised.TicketId,
        moment = raised.Moment.Name(),
        dueAt = raised.DueAt,
        firedAt = raised.FiredAt,
    });
}

/// <summary>
/// Puts each event in the agents' live feed, for the ticket's audience (its level, queue and holder now; everyone
/// without a ticket store); the feed's dedupe key keeps a redelivered event from showing twice.
/// </summary>
public sealed class DeskFeedSlaSink(DeskFeed feed, ITicketStore? tickets = null) : ISlaEventSink
{
    public async Task DeliverAsync(SlaEvent raised, CancellationToken cancellationToken)
    {
        var ticket = tickets is null ? null : await tickets.GetAsync(raised.TenantId, new TicketId(raised.TicketId), cancellationToken);
        await feed.PublishAsync(raised.TenantId, Kind(raised.Moment), raised.TicketId, SlaEventJson.Serialize(raised), $"sla:{raised.Id}",
            ticket is null ? null : DeskAudience.Of(ticket), cancellationToken);
    }

    /// <summary>"sla.warning" or "sla.breach": what the desk colours by; the payload says which target.</summary>
    public static string Kind(SlaMoment moment) =>
        moment is SlaMoment.FirstResponseWarning or SlaMoment.ResolutionWarning ? "sla.warning" : "sla.breach";
}

/// <summary>POSTs each event to the configured webhook, signed with HMAC-SHA256 of the body; a non-2xx answer is a failure to retry.</summary>
public sealed class WebhookSlaSink(IHttpClientFactory clients, IOptions<SlaOptions> options) : ISlaEventSink
{
    public const string ClientName = "sla-webhook";
    public const string SignatureHeader = "X-Atendimento-Signature";

    public async Task DeliverAsync(SlaEvent raised, CancellationToken cancellationToken)
    {
        var webhook = options.Value.Webhook;
        if (webhook.Url is null)
        {
            return;
        }
        var body = SlaEventJson.Serialize(raised);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (webhook.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(SignatureHeader, Sign(body, secret));
        }
        request.Headers.Add("X-Atendimento-Event-Id", raised.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
