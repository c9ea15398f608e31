using System.Security.Cryptography;
using System.Text;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// A WhatsApp conversation's id is a keyed pseudonym of (business number, customer), not the customer's number:
/// conversation ids appear in logs, traces and errors, and phone numbers must not. The number itself stays in the
/// conversation's user account, where the sender and the agents need it. Keyed (HMAC), because phone numbers are
/// few enough that a plain hash could be reversed by trying them all.
/// </summary>
public static class WhatsAppConversationIds
{
    public static string For(string key, string phoneNumberId, string customerId)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{phoneNumberId}:{customerId}"));
        return "wa_" + System.Buffers.Text.Base64Url.EncodeToString(mac)[..22];
    }
}
