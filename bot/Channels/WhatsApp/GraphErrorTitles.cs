using System.Collections.Frozen;
using System.Globalization;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Short titles for the error codes of specs §6.2, shown to agents beside a failed message. Ours, not Meta's
/// (Meta says its titles will go away): the code is what logic and troubleshooting rely on.
/// </summary>
public static class GraphErrorTitles
{
    /// <summary>Our own code for a send that timed out or could not reach the Graph API at all.</summary>
    public const int Unreachable = -1;

    private static readonly FrozenDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [Unreachable] = "Graph API unreachable",
        [0] = "Could not authenticate",
        [1] = "Unknown Graph API error",
        [2] = "Service temporarily unavailable",
        [4] = "App call limit reached",
        [10] = "Permission denied",
        [100] = "Invalid parameter",
        [190] = "Access token expired",
        [368] = "Blocked for policy violations",
        [80007] = "Account rate limit reached",
        [130429] = "Throughput limit reached",
        [131000] = "Something went wrong",
        [131016] = "Service unavailable",
        [131026] = "Message undeliverable",
        [131047] = "24-hour window closed",
        [131048] = "Spam rate limit reached",
        [131049] = "Not delivered by Meta",
        [131051] = "Unsupported message type",
        [131056] = "Too many messages to this customer",
        [131057] = "Account in maintenance",
        [133010] = "Number not registered",
    }.ToFrozenDictionary();

    public static string For(int code) =>
        Titles.TryGetValue(code, out var title) ? title : "Graph API error " + code.ToString(CultureInfo.InvariantCulture);
}
