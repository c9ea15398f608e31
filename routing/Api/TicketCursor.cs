using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Atendimento.Routing.Api;

/// <summary>
/// The list's cursor: opaque to clients (base64url of a versioned position), so the paging key can change
/// without breaking them. Today the position is the last ticket id of the page.
/// </summary>
internal static class TicketCursor
{
    private const string Prefix = "t1:";

    public static string? Encode(long? beforeId) =>
        beforeId is { } id ? Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + id.ToString(CultureInfo.InvariantCulture))) : null;

    public static bool TryDecode(string cursor, out long beforeId)
    {
        beforeId = 0;
        if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out beforeId)
            && beforeId > 0;
    }
}
