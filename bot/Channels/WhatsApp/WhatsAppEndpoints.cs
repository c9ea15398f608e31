using Atendimento.Platform.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// <c>GET /webhooks/whatsapp</c> answers Meta's verification; <c>POST</c> takes notifications: size limit (413),
/// signature over the raw bytes before anything else (401), JSON (400), tenant by phone_number_id (404), then the
/// changes are stored and Meta gets its 200. Processing happens afterwards, in <see cref="WhatsAppInboxProcessor"/>.
/// </summary>
internal static partial class WhatsAppEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("WhatsApp");
        group.MapGet("", Verify).WithSummary("Meta's webhook verification handshake.");
        group.MapPost("", ReceiveAsync).WithSummary("WhatsApp Cloud API notifications (signed with X-Hub-Signature-256).");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        // Dotted names: read from the query directly, model binding would not find them (specs §1.1).
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        var known = options.Value.Numbers.Aggregate(false, (found, n) => found | Secrets.Match(n.VerifyToken, token));
        return mode == "subscribe" && known && challenge.Length > 0
            ? TypedResults.Text(challenge, "text/plain")
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "The verify token does not match.");
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IWhatsAppInbox inbox, WhatsAppInboxSignal signal, IOptions<WhatsAppOptions> options,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WhatsAppEndpoints));
        var body = await WebhookBody.ReadAsync(request, options.Value.MaxWebhookBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {options.Value.MaxWebhookBytes} bytes.");
        }
        var secrets = WebhookSignature.MatchingSecrets(body, request.Headers[WebhookSignature.Header], options.Value.Numbers.Select(n => n.AppSecret));
        if (secrets.Count == 0)
        {
            LogBadSignature(logger);
            return Problem(StatusCodes.Status401Unauthorized, "The X-Hub-Signature-256 header is missing or does not match the body.");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine}).");
        }
        return await AcceptAsync(WebhookEnvelope.Route(root, options.Value, secrets, clock.GetUtcNow()), inbox, signal, logger, cancellationToken);
    }

    private static async Task<Results<Ok, ProblemHttpResult>> AcceptAsync(
        WebhookRouting routing, IWhatsAppInbox inbox, WhatsAppInboxSignal signal, ILogger logger, CancellationToken cancellationToken)
    {
        switch (routing)
        {
            case WebhookRouting.UnknownNumber unknown:
                LogUnknownNumber(logger, unknown.PhoneNumberId);
                return Problem(StatusCodes.Status404NotFound, "No tenant is configured for this phone_number_id.");
            case WebhookRouting.SignedByAnotherApp other:
                LogWrongApp(logger, other.PhoneNumberId);
                return Problem(StatusCodes.Status401Unauthorized, "The body is not signed with this phone number's app secret.");
            case WebhookRouting.Malformed malformed:
                return Problem(StatusCodes.Status400BadRequest, malformed.Reason);
            case WebhookRouting.Accepted { Entries.Count: > 0 } accepted:
                await inbox.AcceptAsync(accepted.Entries, cancellationToken);
                signal.Notify();
                return TypedResults.Ok();
            default:
                return TypedResults.Ok();
        }
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Refused a WhatsApp webhook: the signature is missing or wrong")]
    private static partial void LogBadSignature(ILogger logger);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Refused a WhatsApp webhook for unknown phone number id {PhoneNumberId}")]
    private static partial void LogUnknownNumber(ILogger logger, string phoneNumberId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Refused a WhatsApp webhook for phone number id {PhoneNumberId}: signed by another app")]
    private static partial void LogWrongApp(ILogger logger, string phoneNumberId);
}
