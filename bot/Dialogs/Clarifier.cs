using Atendimento.Bot.Recognition;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// The "você quis dizer…" step of the triage: which candidates to offer when the bot is unsure, how to offer
/// them, and which one the customer's answer picks.
/// </summary>
internal static class Clarifier
{
    /// <summary>Confident and unambiguous: the top intent clears the answer threshold and no rival is within the margin.</summary>
    public static bool IsClear(RecognitionResult recognition, BotPolicy policy)
    {
        var top = recognition.Top;
        if (top is null || top.Confidence < policy.AnswerThreshold)
        {
            return false;
        }
        return policy.Clarification is not { } clarification
            || recognition.Candidates.Count < 2
            || top.Confidence - recognition.Candidates[1].Confidence >= clarification.Margin;
    }

    /// <summary>The intents worth offering: those at or above the clarification threshold, best first.</summary>
    public static IReadOnlyList<IntentDefinition> Candidates(RecognitionResult recognition, BotDefinition definition) =>
        definition.Policy.Clarification is not { } clarification
            ? []
            : recognition.Candidates
                .Where(candidate => candidate.Confidence >= clarification.Threshold)
                .Select(candidate => definition.Find(candidate.Intent))
                .OfType<IntentDefinition>()
                .Take(clarification.MaxCandidates)
                .ToList();

    public static void Offer(DialogContext context, BotDefinition definition, IReadOnlyList<IntentDefinition> candidates)
    {
        var clarification = definition.Policy.Clarification!;
        context.Say(clarification.Prompt, [.. candidates.Select(intent => Title(definition, intent)), clarification.NoneOfThese]);
        context.State = context.State.Idle() with { Offered = candidates.Select(intent => intent.Name).ToList() };
    }

    /// <summary>What the answer to an offer means: an intent picked, "none of these", or neither (a new message).</summary>
    public static (IntentDefinition? Picked, bool NoneOfThese) Read(BotDefinition definition, IReadOnlyList<string> offered, string text)
    {
        var clarification = definition.Policy.Clarification!;
        var intents = offered.Select(definition.Find).OfType<IntentDefinition>().ToList();
        var index = ChoiceMatcher.Match([.. intents.Select(intent => Title(definition, intent)), clarification.NoneOfThese], text);
        return index switch
        {
            null => (null, false),
            var i when i == intents.Count => (null, true),
            var i => (intents[i.Value], false),
        };
    }

    /// <summary>The name customers know an intent by: its menu title when it has one.</summary>
    private static string Title(BotDefinition definition, IntentDefinition intent) =>
        definition.Policy.Menu.Options.FirstOrDefault(option => option.Intent == intent.Name)?.Title ?? intent.Title;
}
