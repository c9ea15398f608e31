using System.Security.Cryptography;
using System.Text;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// X-Hub-Signature-256 (specs §4.1): <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the raw body, keyed with the
/// app secret. Compared in constant time; a missing or malformed header never matches.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }
        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    /// <summary>What Meta would send for this body; for tests and tools that sign their own payloads.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>The app secrets (distinct) under which the body is correctly signed; each one is checked, so the time does not depend on which matched.</summary>
    public static IReadOnlySet<string> MatchingSecrets(ReadOnlySpan<byte> body, string? header, IEnumerable<string> appSecrets)
    {
        var matching = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in appSecrets.Distinct(StringComparer.Ordinal))
        {
            if (IsValid(body, header, secret))
            {
                matching.Add(secret);
            }
        }
        return matching;
    }
}
