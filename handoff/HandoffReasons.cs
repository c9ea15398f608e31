namespace Atendimento.Handoff;

/// <summary>The reason codes a handoff records. Stable strings: reports and queues key on them.</summary>
public static class HandoffReasons
{
    public const string ExplicitRequest = "explicit_request";
    public const string LowConfidence = "low_confidence";
    public const string CriticalIntent = "critical_intent";
    public const string NegativeSentiment = "negative_sentiment";
    public const string DialogRule = "dialog_rule";
    public const string BotError = "bot_error";
    public const string TimeoutMenu = "timeout_menu";
    public const string OutOfHours = "out_of_hours";
    public const string UnsupportedLanguage = "unsupported_language";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ExplicitRequest, LowConfidence, CriticalIntent, NegativeSentiment, DialogRule, BotError, TimeoutMenu, OutOfHours, UnsupportedLanguage,
    };
}
