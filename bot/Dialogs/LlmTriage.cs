using Atendimento.Bot.Dialogs.Runtime;
using Atendimento.Bot.Recognition;
using Atendimento.Bot.Recognition.Llm;
using Atendimento.Handoff;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// The triage's optional LLM step, between "unsure" and the offer: the recognizer's best candidates go to the
/// re-ranker, and a pick starts that intent's dialog as if the recognition had been clear. Whatever it says
/// (including "none" or a failure) is noted on the turn's step of the recognition trail, for the agent.
/// </summary>
internal static class LlmTriage
{
    /// <summary>When the policy has no clarification to borrow the number from.</summary>
    private const int DefaultCandidates = 3;

    /// <summary>The intent the LLM picked; null when the stage is off, had nothing to choose from, said none or failed.</summary>
    public static async Task<IntentDefinition?> PickAsync(DialogContext context, IIntentReranker reranker, RecognitionResult recognition, string evidence, CancellationToken cancellationToken)
    {
        if (!reranker.Enabled || Candidates(context.Definition, reranker, recognition) is not { Count: > 0 } candidates)
        {
            return null;
        }
        var result = await reranker.RerankAsync(evidence, candidates, cancellationToken);
        context.State = context.State.WithLlmNote(result.ToTrail());
        return result.Outcome == LlmOutcome.Picked ? context.Definition.Find(result.Intent!) : null;
    }

    /// <summary>
    /// The recognizer's best intents, however low their confidence: the LLM is there for the messages the
    /// recognizer ranks right but is not sure of, and for those it would not offer at all.
    /// </summary>
    private static List<RerankCandidate> Candidates(BotDefinition definition, IIntentReranker reranker, RecognitionResult recognition) =>
        recognition.Candidates
            .Select(candidate => definition.Find(candidate.Intent))
            .OfType<IntentDefinition>()
            .Take(reranker.MaxCandidates ?? definition.Policy.Clarification?.MaxCandidates ?? DefaultCandidates)
            .Select(intent => new RerankCandidate(intent.Name, Clarifier.Title(definition, intent), [.. intent.Examples.Take(reranker.ExamplesPerCandidate)]))
            .ToList();
}
