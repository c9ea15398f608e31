using System.Text.Json.Nodes;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

/// <summary>The webhook bodies under Fixtures/, shaped after the examples in specs/whatsapp-cloud-api.md §1-§3.</summary>
internal static class WhatsAppFixtures
{
    public const string PhoneNumberId = "106540352242922";
    public const string Customer = "16505551234";

    /// <summary>The key of conversation pseudonyms in these tests.</summary>
    public const string ConversationIdKey = "test-only-whatsapp-conversation-id-key-0123456789";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "WhatsApp", "Fixtures", name + ".json"));

    /// <summary>The first change's <c>value</c>, as the inbox stores it.</summary>
    public static JsonObject Value(string name) =>
        JsonNode.Parse(Bytes(name))!["entry"]![0]!["changes"]![0]!["value"]!.AsObject();
}
