using System.Text.Json.Nodes;
using Atendimento.Bot.Channels.WhatsApp;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

public sealed class WebhookEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly WhatsAppOptions Options = new()
    {
        Numbers =
        [
            new() { TenantId = "loja", PhoneNumberId = WhatsAppFixtures.PhoneNumberId, VerifyToken = "v", AppSecret = "secret-a", AccessToken = "t" },
            new() { TenantId = "outra", PhoneNumberId = "999", VerifyToken = "v", AppSecret = "secret-b", AccessToken = "t" },
        ],
    };

    [Fact]
    public void A_messages_change_is_accepted_for_the_tenant_of_its_phone_number_id()
    {
        var routing = Route("01_text", "secret-a");
        var entry = Assert.Single(Assert.IsType<WebhookRouting.Accepted>(routing).Entries);
        Assert.Equal(new TenantId("loja"), entry.TenantId);
        Assert.Equal(WhatsAppFixtures.PhoneNumberId, entry.PhoneNumberId);
        Assert.Equal(Now, entry.ReceivedAt);
        Assert.Equal("Olá, quero a segunda via", JsonNode.Parse(entry.Payload)!["messages"]![0]!["text"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_phone_number_id_is_refused_by_id()
    {
        var options = new WhatsAppOptions { Numbers = [Options.Numbers[1]] };
        var routing = WebhookEnvelope.Route(JsonNode.Parse(WhatsAppFixtures.Bytes("01_text")), options, new HashSet<string> { "secret-b" }, Now);
        Assert.Equal(new WebhookRouting.UnknownNumber(WhatsAppFixtures.PhoneNumberId), routing);
    }

    [Fact]
    public void A_body_signed_by_another_tenants_app_is_refused()
    {
        Assert.Equal(new WebhookRouting.SignedByAnotherApp(WhatsAppFixtures.PhoneNumberId), Route("01_text", "secret-b"));
    }

    [Fact]
    public void Other_fields_and_other_objects_are_acknowledged_and_dropped()
    {
        var body = JsonNode.Parse("""
            {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
              {"field": "message_template_status_update", "value": {"event": "APPROVED"}},
              {"field": "account_update", "value": {"metadata": {"phone_number_id": "unknown"}}}]}]}
            """);
        Assert.Empty(Assert.IsType<WebhookRouting.Accepted>(WebhookEnvelope.Route(body, Options, new HashSet<string> { "secret-a" }, Now)).Entries);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("""{"entry": [{"changes": [{"field": "messages", "value": {"messages": []}}]}]}""")]
    public void A_body_that_is_not_an_envelope_is_malformed(string json)
    {
        Assert.IsType<WebhookRouting.Malformed>(WebhookEnvelope.Route(JsonNode.Parse(json), Options, new HashSet<string> { "secret-a" }, Now));
    }

    private static WebhookRouting Route(string fixture, string signedWith) =>
        WebhookEnvelope.Route(JsonNode.Parse(WhatsAppFixtures.Bytes(fixture)), Options, new HashSet<string> { signedWith }, Now);
}
