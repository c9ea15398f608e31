using System.Text.Json.Nodes;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>What a signed webhook body amounts to: the changes to store, or why it is refused.</summary>
public abstract record WebhookRouting
{
    public sealed record Accepted(IReadOnlyList<InboxEntry> Entries) : WebhookRouting;

    /// <summary>No configured number has this id.</summary>
    public sealed record UnknownNumber(string PhoneNumberId) : WebhookRouting;

    /// <summary>The number is configured, but the body was signed with another app's secret.</summary>
    public sealed record SignedByAnotherApp(string PhoneNumberId) : WebhookRouting;

    public sealed record Malformed(string Reason) : WebhookRouting;
}

/// <summary>
/// The notification envelope (specs §1.2): every <c>entry[].changes[]</c> with field "messages" is routed to its
/// tenant by <c>metadata.phone_number_id</c>. Other fields (template status, quality, ...) are acknowledged and dropped.
/// </summary>
public static class WebhookEnvelope
{
    public static WebhookRouting Route(JsonNode? root, WhatsAppOptions options, IReadOnlySet<string> signingSecrets, DateTimeOffset receivedAt)
    {
        if (root is not JsonObject envelope)
        {
            return new WebhookRouting.Malformed("The body is not a JSON object.");
        }
        var entries = new List<InboxEntry>();
        foreach (var value in Changes(envelope))
        {
            var phoneNumberId = value.Obj("metadata").Str("phone_number_id");
            if (string.IsNullOrEmpty(phoneNumberId))
            {
                return new WebhookRouting.Malformed("A messages change has no metadata.phone_number_id.");
            }
            var number = options.Find(phoneNumberId);
            if (number is null)
            {
                return new WebhookRouting.UnknownNumber(phoneNumberId);
            }
            if (!signingSecrets.Contains(number.AppSecret))
            {
                return new WebhookRouting.SignedByAnotherApp(phoneNumberId);
            }
            entries.Add(new InboxEntry(new TenantId(number.TenantId), phoneNumberId, value.ToJsonString(), receivedAt));
        }
        return new WebhookRouting.Accepted(entries);
    }

    private static IEnumerable<JsonObject> Changes(JsonObject envelope) =>
        envelope.Objects("entry")
            .SelectMany(entry => entry.Objects("changes"))
            .Where(change => change.Str("field") == "messages")
            .Select(change => change.Obj("value"))
            .OfType<JsonObject>();
}
