using Atendimento.Bot.Dialogs.Runtime;
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

    /// <summary>
    /// An interrupting intent (asking for a person, cancelling) that the message may well mean: at the answer
    /// threshold and first, or as close to first as the margin. Asking for a person must never be lost to a
    /// close runner-up, so the margin that makes the bot ask elsewhere does not apply here.
    /// </summary>
    public static IntentDefinition? Interrupting(RecognitionResult recognition, BotDefinition definition)
    {
        var top = recognition.Top;
        if (top is null)
        {
            return null;
        }
        var margin = definition.Policy.Clarification?.Margin ?? 0;
        return recognition.Candidates
            .Where(candidate => candidate.Confidence >= definition.Policy.AnswerThreshold && top.Confidence - candidate.Confidence <= margin)
            .Select(candidate => definition.Find(candidate.Intent))
            .FirstOrDefault(intent => intent is { Interrupts: true });
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
        var index = ChoiceMatcher.Match([.. intents.Select(intent => Title(definition, intent)), clarification.NoneOfThese], text)
            ?? (SaysNone(text) ? intents.Count : null);
        return index switch
        {
            null => (null, false),
            var i when i == intents.Count => (null, true),
            var i => (intents[i.Value], false),
        };
    }

    private static readonly HashSet<string> NoneWords = new(StringComparer.Ordinal) { "nao", "nenhum", "nenhuma", "nada" };
    private static readonly HashSet<string> NoneFiller = new(StringComparer.Ordinal) { "disso", "desses", "dessas", "deles", "delas", "isso", "e", "eh", "dos", "das", "obrigado", "obrigada" };

    /// <summary>"não", "nenhuma delas", "nada disso": a reply made only of a refusal means none of the offered subjects.</summary>
    private static bool SaysNone(string text)
    {
        var words = TextNormalizer.Tokens(text);
        return words.Any(NoneWords.Contains) && words.All(word => NoneWords.Contains(word) || NoneFiller.Contains(word));
    }

    /// <summary>The name customers know an intent by: its menu title when it has one.</summary>
    public static string Title(BotDefinition definition, IntentDefinition intent) =>
        definition.Policy.Menu.Options.FirstOrDefault(option => option.Intent == intent.Name)?.Title ?? intent.Title;
}
