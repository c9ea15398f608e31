using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Atendimento.Platform.Security;
using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>The claims of a conversation token. <c>user</c> is read by Web Chat as the user id (specs §3.1).</summary>
public sealed record TokenClaims(
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string UserId,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long ExpiresAt)
{
    [JsonIgnore]
    public TenantId TenantId => new(Tenant);
}

public enum TokenStatus
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Conversation tokens as HS256 JWTs: stateless to check on any instance, decodable by Web Chat, and scoped to one
/// conversation and one user. Secrets are compared in constant time.
/// </summary>
public sealed class DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));

    public int LifetimeSeconds => options.Value.TokenLifetimeSeconds;

    public string Issue(TenantId tenantId, string conversationId, string userId)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new TokenClaims(tenantId.Value, conversationId, userId, now, now + LifetimeSeconds);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return $"{Header}.{payload}.{Sign($"{Header}.{payload}")}";
    }

    public (TokenStatus Status, TokenClaims? Claims) Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !Secrets.Match(Sign($"{parts[0]}.{parts[1]}"), parts[2]))
        {
            return (TokenStatus.Invalid, null);
        }
        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<TokenClaims>(FromBase64Url(parts[1]));
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return (TokenStatus.Invalid, null);
        }
        if (claims is null)
        {
            return (TokenStatus.Invalid, null);
        }
        return claims.ExpiresAt <= clock.GetUtcNow().ToUnixTimeSeconds() ? (TokenStatus.Expired, claims) : (TokenStatus.Valid, claims);
    }

    /// <summary>The tenant whose secret this is, if any.</summary>
    public TenantId? TenantForSecret(string secret) =>
        options.Value.Tenants.FirstOrDefault(t => Secrets.Match(t.Secret, secret)) is { } tenant ? new TenantId(tenant.TenantId) : null;

    private string Sign(string content)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.TokenSigningKey);
        return Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] FromBase64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
