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

/// <summary>One intent's dialog; <see cref="Version"/> is a hash of its file, recorded in the state of conversations that run it.</summary>
public sealed record IntentDefinition(string Name, string Title, IReadOnlyList<string> Examples, bool Interrupts, IReadOnlyList<DialogStep> Steps, string File, string Version = "")
{
    /// <summary>The step at <paramref name="path"/> (step, branch, step, ...), or null when the path leads nowhere.</summary>
    public DialogStep? StepAt(IReadOnlyList<int> path) => DialogStep.Resolve(Steps, path);

    /// <summary>The one path whose step waits for <paramref name="awaits"/> ("ask:cpf"); null when there is none, or more than one.</summary>
    public IReadOnlyList<int>? PathAwaiting(string awaits)
    {
        var paths = DialogStep.Walk(Steps).Where(entry => entry.Step.Awaits == awaits).Take(2).ToList();
        return paths.Count == 1 ? paths[0].Path : null;
    }
}
