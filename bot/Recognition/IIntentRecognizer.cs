namespace Atendimento.Bot.Recognition;

/// <summary>Ranks the intents a customer message may mean. The triage policy decides what to do with the ranking.</summary>
public interface IIntentRecognizer
{
    RecognitionResult Recognize(string text);
}

public sealed record IntentScore(string Intent, double Confidence);

/// <summary>Candidates best first; an empty list means nothing resembled the message at all.</summary>
public sealed record RecognitionResult(IReadOnlyList<IntentScore> Candidates)
{
    public IntentScore? Top => Candidates.Count > 0 ? Candidates[0] : null;
}
