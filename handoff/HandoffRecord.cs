using Atendimento.Routing.Tickets;

namespace Atendimento.Handoff;

/// <summary>
/// Why the bot stopped and to whom it handed the customer, with the evidence: the recognition trail, what the
/// dialog collected and the transcript so far. Stored whole on the ticket for the agent.
/// </summary>
public sealed record HandoffRecord(
    Guid Id,
    string ReasonCode,
    SupportLevel Level,
    string Queue,
    IReadOnlyList<string> Skills,
    string? Intent,
    double? Confidence,
    IReadOnlyList<RecognitionStep> RecognitionTrail,
    IReadOnlyDictionary<string, string> CollectedData,
    IReadOnlyList<TranscriptEntry> Transcript,
    string Channel,
    string? CustomerName,
    DateTimeOffset At,
    bool OutOfHours = false);

/// <summary>
/// One recognised customer message on the way to the handoff: what was understood, and how sure. <see cref="Llm"/>
/// is what the optional LLM stage said about it; null when the stage was not asked (off, or the message needed no
/// help), which is also how steps stored before the stage existed read.
/// </summary>
public sealed record RecognitionStep(string Text, string? Intent, double Confidence, DateTimeOffset At, LlmRerank? Llm = null);

/// <summary>
/// The LLM's part in a turn the recognizer was unsure of: the candidate it picked (<see cref="Intent"/>), "none of
/// them", or a failure (error, timeout, an answer that was not one of the candidates) after which the bot went on
/// as without it.
/// </summary>
public sealed record LlmRerank(LlmOutcome Outcome, string? Intent = null);

public enum LlmOutcome
{
    Picked,
    None,
    Failed,
}

public enum TranscriptRole
{
    Customer,
    Bot,
}

public sealed record TranscriptEntry(TranscriptRole Role, string Text, DateTimeOffset At)
{
    /// <summary>
    /// Evidence keeps at most this much of one message, so a 256 KB paste is not copied into every later turn's
    /// state and the handoff record. The transcript a ticket opens with is this evidence; messages relayed to the
    /// ticket after the handoff are kept whole.
    /// </summary>
    public const int MaxEvidenceLength = 1000;

    public static string Clip(string text) => text.Length <= MaxEvidenceLength ? text : string.Concat(text.AsSpan(0, MaxEvidenceLength), "…");
}
