using System.Net;
using System.Text;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Integration.Tests.WhatsApp;

/// <summary>What the webhook refuses, and that a refused body leaves nothing behind.</summary>
public sealed class WhatsAppWebhookBadInputTests(WhatsAppFixture fixture) : IClassFixture<WhatsAppFixture>
{
    private readonly string _customer = WhatsAppWebhooks.NewCustomer();

    [Fact]
    public async Task The_verification_get_echoes_the_challenge_only_for_the_configured_token()
    {
        using var meta = fixture.Host.Http();

        using var ok = await meta.GetAsync(new Uri($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppWebhooks.VerifyToken}&hub.challenge=1158201444", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ok.Content.Headers.ContentType!.MediaType);

        using var wrong = await meta.GetAsync(new Uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        using var mode = await meta.GetAsync(new Uri($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={WhatsAppWebhooks.VerifyToken}&hub.challenge=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, mode.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("another-app-secret")]
    public async Task A_missing_or_wrong_signature_is_401_and_nothing_is_stored(string? secret)
    {
        using var meta = fixture.Host.Http();
        using var response = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "olá"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await fixture.InboxRowsMentioningAsync(_customer));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_is_400()
    {
        using var meta = fixture.Host.Http();
        using var response = await WhatsAppWebhooks.PostAsync(meta, "{\"object\": \"whatsapp_business_account\", \"entry\": [" + _customer);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await fixture.InboxRowsMentioningAsync(_customer));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_even_when_signed()
    {
        using var meta = fixture.Host.Http();
        var huge = WhatsAppWebhooks.Text(_customer, new string('a', 70_000));
        using var response = await WhatsAppWebhooks.PostAsync(meta, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await fixture.InboxRowsMentioningAsync(_customer));
    }

    [Fact]
    public async Task An_unknown_phone_number_id_is_404_and_nothing_is_stored()
    {
        using var meta = fixture.Host.Http();
        using var response = await WhatsAppWebhooks.PostAsync(meta, WhatsAppWebhooks.Text(_customer, "olá", phoneNumberId: "999999999"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await fixture.InboxRowsMentioningAsync(_customer));
    }

    [Fact]
    public async Task Fields_and_types_we_do_not_handle_are_acknowledged_with_200()
    {
        using var meta = fixture.Host.Http();
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"phone_number_quality_update\",\"value\":{\"event\":\"FLAGGED\"}}]}]}";
        using var other = await WhatsAppWebhooks.PostAsync(meta, body);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        var poll = WhatsAppWebhooks.Text(_customer, "x").Replace("\"type\":\"text\"", "\"type\":\"poll_creation\"", StringComparison.Ordinal);
        using var unknown = await WhatsAppWebhooks.PostAsync(meta, poll);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        await fixture.Graph.NextToAsync(_customer, string.Empty);
    }

    [Fact]
    public async Task The_signature_is_checked_on_the_exact_bytes()
    {
        using var meta = fixture.Host.Http();
        var body = WhatsAppWebhooks.Text(_customer, "olá");
        var signature = WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), WhatsAppWebhooks.AppSecret);
        using var content = new StringContent(body + " ", Encoding.UTF8, "application/json");
        content.Headers.Add(WebhookSignature.Header, signature);

        using var response = await meta.PostAsync(new Uri("/webhooks/whatsapp", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
