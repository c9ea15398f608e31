using System.Globalization;

namespace Atendimento.WhatsAppLoad;

/// <summary>What one run sends: how many messages, over how many conversations and numbers, with which share of 5xx.</summary>
internal sealed record LoadSettings(int Messages, int Conversations, int Numbers, double ServerErrorRatio, int Seed, int PerSecond, TimeSpan Patience)
{
    public static LoadSettings Parse(string[] args)
    {
        var values = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1], StringComparer.Ordinal);
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new LoadSettings(
            Int("messages", 2000),
            Int("conversations", 200),
            Int("numbers", 2),
            values.TryGetValue("errors", out var ratio) ? double.Parse(ratio, CultureInfo.InvariantCulture) : 0.2,
            Int("seed", 20260322),
            Int("rate", 80),
            TimeSpan.FromSeconds(Int("patience", 600)));
    }

    public int PerConversation => Messages / Conversations;

    /// <summary>Messages per warm-up conversation (one conversation per number and host), not counted.</summary>
    public int WarmUpPerConversation => 10;

    /// <summary>The Graph API id of business number <paramref name="index"/>; the first is the integration tests' number.</summary>
    public static string PhoneNumberId(int index) => index == 0 ? WhatsAppWebhooksNumber : "10654035224" + (2922 + index).ToString(CultureInfo.InvariantCulture);

    private const string WhatsAppWebhooksNumber = Atendimento.Integration.Tests.WhatsApp.WhatsAppWebhooks.PhoneNumberId;
}
