using System.Text;
using Atendimento.Bot.Channels.WhatsApp;

namespace Atendimento.Bot.Tests.Channels.WhatsApp;

public sealed class WebhookSignatureTests
{
    private const string Secret = "test_app_secret_not_real_0123456789abcdef";
    private static readonly byte[] Body = WhatsAppFixtures.Bytes("01_text");

    [Fact]
    public void A_body_signed_with_the_app_secret_is_valid()
    {
        Assert.True(WebhookSignature.IsValid(Body, WebhookSignature.Compute(Body, Secret), Secret));
    }

    [Fact]
    public void The_signature_is_lowercase_hex_of_the_hmac_sha256_after_the_sha256_prefix()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        var signature = WebhookSignature.Compute(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"), "key");
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=f7bc83f430538424b13298e6aa6fb143ef4d59a1")]
    [InlineData("sha256=zz bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd")]
    public void A_missing_or_malformed_header_is_invalid(string? header)
    {
        Assert.False(WebhookSignature.IsValid(Body, header, Secret));
    }

    [Fact]
    public void A_signature_made_with_another_secret_or_over_other_bytes_is_invalid()
    {
        var signature = WebhookSignature.Compute(Body, Secret);
        Assert.False(WebhookSignature.IsValid(Body, WebhookSignature.Compute(Body, "another-secret"), Secret));
        var changed = Body.ToArray();
        changed[^2] ^= 1;
        Assert.False(WebhookSignature.IsValid(changed, signature, Secret));
    }

    [Fact]
    public void Only_the_secrets_that_signed_the_body_match()
    {
        var matching = WebhookSignature.MatchingSecrets(Body, WebhookSignature.Compute(Body, Secret), ["other-app", Secret, Secret]);
        Assert.Equal([Secret], matching);
    }
}
