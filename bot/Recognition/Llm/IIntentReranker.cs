using Atendimento.Handoff;

namespace Atendimento.Bot.Recognition.Llm;

/// <summary>
/// A second opinion on a message the recognizer is unsure of: which one of its best candidates the customer means,
/// or none of them. Never throws for the service's failures: they come back as <see cref="LlmOutcome.Failed"/>, and
/// the triage goes on as without it.
/// </summary>
public interface IIntentReranker
{
    /// <summary>False when the stage is off: the triage asks nothing.</summary>
    bool Enabled { get; }

    /// <summary>How many candidates to send; null means as many as a clarification would offer.</summary>
    int? MaxCandidates { get; }

    /// <summary>How many example sentences of each candidate to send.</summary>
    int ExamplesPerCandidate { get; }

    /// <param name="message">The customer's message, already clipped to the evidence length.</param>
    /// <param name="candidates">The recognizer's best intents, best first.</param>
    Task<RerankResult> RerankAsync(string message, IReadOnlyList<RerankCandidate> candidates, CancellationToken cancellationToken = default);
}

/// <summary>An intent the LLM may choose: its name, the title customers know it by, and a few example sentences.</summary>
public sealed record RerankCandidate(string Intent, string Title, IReadOnlyList<string> Examples);

/// <summary>
/// What the stage said: <see cref="Intent"/> is set only when it picked one of the candidates; <see cref="Failure"/>
/// names the kind of failure (never a response body), for the log.
/// </summary>
public sealed record RerankResult(LlmOutcome Outcome, string? Intent = null, string? Failure = null)
{
    public static RerankResult None { get; } = new(LlmOutcome.None);

    public static RerankResult Picked(string intent) => new(LlmOutcome.Picked, intent);

    public static RerankResult Failed(string failure) => new(LlmOutcome.Failed, Failure: failure);

    /// <summary>How the conversation's recognition trail records it.</summary>
    public LlmRerank ToTrail() => new(Outcome, Intent);
}
