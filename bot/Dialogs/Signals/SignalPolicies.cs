namespace Atendimento.Bot.Dialogs.Signals;

/// <summary>
/// <c>sentiment</c> in bot.yaml: an abusive message, or the <see cref="FrustratedMessages"/>th frustrated one of a
/// conversation, goes to a person (reason <c>negative_sentiment</c>) after <see cref="Apology"/>.
/// </summary>
public sealed record SentimentPolicy(int FrustratedMessages, string Apology, HandoffStep Handoff);

/// <summary>
/// <c>language</c> in bot.yaml: a message plainly in English or Spanish gets <see cref="Reply"/> (written in those
/// languages too) and goes to a person (reason <c>unsupported_language</c>) with the language's skill from
/// <see cref="SkillByLanguage"/> added to the handoff's skills.
/// </summary>
public sealed record LanguagePolicy(string Reply, IReadOnlyDictionary<string, string> SkillByLanguage, HandoffStep Handoff);
