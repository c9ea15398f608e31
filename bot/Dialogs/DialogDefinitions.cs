using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Dialogs;

/// <summary>Everything loaded from <c>dialogs/</c>: the bot-wide policy and one definition per intent.</summary>
public sealed record BotDefinition(BotPolicy Policy, IReadOnlyList<IntentDefinition> Intents)
{
    public IntentDefinition? Find(string intent) => Intents.FirstOrDefault(i => i.Name == intent);

    /// <summary>The examples the recognizer learns from, including each intent's menu title.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExamplesByIntent() =>
        Intents.ToDictionary(i => i.Name, i => (IReadOnlyList<string>)[.. i.Examples, .. Policy.Menu.Options.Where(o => o.Intent == i.Name).Select(o => o.Title)], StringComparer.Ordinal);
}

/// <summary>The bot-wide texts and thresholds from <c>dialogs/bot.yaml</c>.</summary>
public sealed record BotPolicy(
    IReadOnlyList<string> Greeting,
    MainMenu Menu,
    double AnswerThreshold,
    int MaxFailedAttempts,
    string NotUnderstood,
    HandoffStep FallbackHandoff,
    BotMessages Messages,
    BusinessHours? Hours = null,
    ClarificationPolicy? Clarification = null,
    InactivityPolicy? Inactivity = null,
    Signals.SentimentPolicy? Sentiment = null,
    Signals.LanguagePolicy? Language = null);

/// <summary>
/// When the bot is unsure it asks instead of guessing: a recognition at least <see cref="Threshold"/> but below
/// the answer threshold, or two top intents closer than <see cref="Margin"/>, gets the top candidates offered as
/// choices plus <see cref="NoneOfThese"/>.
/// </summary>
/// <see cref="MaxInARow"/> offers without a pick are allowed before an unsure message counts as not understood.
public sealed record ClarificationPolicy(double Threshold, double Margin, int MaxCandidates, int MaxInARow, string Prompt, string NoneOfThese, string Rephrase);

public sealed record MainMenu(string Prompt, IReadOnlyList<MenuOption> Options);

/// <summary>A main menu entry; <see cref="Line"/> is where bot.yaml names its intent, for error messages.</summary>
public sealed record MenuOption(string Title, string Intent, int Line);

/// <summary>Texts the bot says around a handoff; placeholders: {ticket}, {agent}.</summary>
public sealed record BotMessages(string HandoffStarted, string AgentJoined, string TicketResolved, string BotError);

public sealed record IntentDefinition(string Name, string Title, IReadOnlyList<string> Examples, bool Interrupts, IReadOnlyList<DialogStep> Steps, string File);

public abstract record DialogStep(int Line);

public sealed record SayStep(int Line, string Text) : DialogStep(Line);

public sealed record AskStep(int Line, string Variable, string Prompt, string Validator, string RetryPrompt, int MaxRetries) : DialogStep(Line);

public sealed record ChoiceStep(int Line, string Variable, string Prompt, IReadOnlyList<ChoiceOption> Options) : DialogStep(Line);

public sealed record ChoiceOption(string Title, IReadOnlyList<DialogStep> Then);

public sealed record HandoffStep(int Line, string Reason, SupportLevel Level, string Queue, IReadOnlyList<string> Skills) : DialogStep(Line);
