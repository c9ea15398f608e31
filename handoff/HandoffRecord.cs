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

/// <summary>One recognised customer message on the way to the handoff: what was understood, and how sure.</summary>
public sealed record RecognitionStep(string Text, string? Intent, double Confidence, DateTimeOffset At);

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
