using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>Webhook bodies shaped as Meta sends them (specs §1.2), and a client that signs them as Meta does.</summary>
public static class WhatsAppWebhooks
{
    public const string PhoneNumberId = "106540352242922";
    public const string ConversationIdKey = "test-only-whatsapp-conversation-id-key-0123456789";

    /// <summary>Our conversation id for a customer of the test number: a pseudonym, never the number.</summary>
    public static string ConversationOf(string customer) =>
        "whatsapp:" + Atendimento.Bot.Channels.WhatsApp.WhatsAppConversationIds.For(ConversationIdKey, PhoneNumberId, customer);
    public const string AppSecret = "test_app_secret_not_real_0123456789abcdef";
    public const string VerifyToken = "test-verify-token-not-real";
    public const string AccessToken = "test-access-token-not-real";

    public static Dictionary<string, string?> Settings(string graphBaseUrl) => new()
    {
        ["WhatsApp:GraphBaseUrl"] = graphBaseUrl,
        ["WhatsApp:GraphApiVersion"] = "v23.0",
        ["WhatsApp:ConversationIdKey"] = ConversationIdKey,
        ["WhatsApp:MaxWebhookBytes"] = "65536",
        ["WhatsApp:InboxPollMilliseconds"] = "200",
        ["WhatsApp:Numbers:0:TenantId"] = "default",
        ["WhatsApp:Numbers:0:PhoneNumberId"] = PhoneNumberId,
        ["WhatsApp:Numbers:0:VerifyToken"] = VerifyToken,
        ["WhatsApp:Numbers:0:AppSecret"] = AppSecret,
        ["WhatsApp:Numbers:0:AccessToken"] = AccessToken,
    };

    public static string NewCustomer() => "5511" + Random.Shared.NextInt64(900_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(string customer, string text, string? wamid = null, string phoneNumberId = PhoneNumberId) => Envelope(new
    {
        messaging_product = "whatsapp",
        metadata = new { display_phone_number = "15550783881", phone_number_id = phoneNumberId },
        contacts = new[] { new { profile = new { name = "Cliente Teste" }, wa_id = customer } },
        messages = new[] { new { from = customer, id = wamid ?? "wamid." + Guid.NewGuid().ToString("N"), timestamp = Now(), type = "text", text = new { body = text } } },
    });

    public static string Status(string customer, string wamid, string status) => Envelope(new
    {
        messaging_product = "whatsapp",
        metadata = new { display_phone_number = "15550783881", phone_number_id = PhoneNumberId },
        statuses = new[] { new { id = wamid, status, timestamp = Now(), recipient_id = customer } },
    });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? secret = AppSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        if (secret is not null)
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(bytes, secret));
        }
        return await http.SendAsync(request);
    }

    private static string Envelope(object value) => JsonSerializer.Serialize(new
    {
        @object = "whatsapp_business_account",
        entry = new[] { new { id = "102290129340398", changes = new[] { new { field = "messages", value } } } },
    });

    /// <summary>Webhook timestamps are strings of Unix seconds; the turn keeps its own clock, so any recent value does.</summary>
    private static string Now() => "1780000000";
}
