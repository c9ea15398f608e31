namespace Atendimento.Bot.Recognition.Evaluation;

/// <summary>
/// The fixed parts of the triage rule the thresholds plug into (margin and candidates from bot.yaml), and the share
/// of the bot's traffic assumed to be out of scope, which weighs the two kinds of message against each other.
/// </summary>
public sealed record TriageRule(double Margin, int MaxCandidates, double OutOfScopeShare = TriageThresholds.DefaultOutOfScopeShare);

/// <summary>What the triage does with one message at given thresholds.</summary>
public enum TriageOutcome
{
    Answered,
    Clarified,
    NotUnderstood,
}

/// <summary>A pair of thresholds and what they did on the tuning data.</summary>
public sealed record TriageChoice(
    double AnswerThreshold, double ClarifyThreshold, double Score,
    double InScopeAnsweredCorrectly, double InScopeAnsweredWrongly, double InScopeClarifiedWithTheIntent,
    double OutOfScopeAnswered, double OutOfScopeClarified);

/// <summary>
/// Chooses bot.yaml's answer and clarification thresholds on calibrated predictions: in-scope rows predicted by
/// models that never saw them, and out-of-scope messages. Each outcome costs the customer extra turns: in scope, a
/// right answer 0, an offer that includes the intent 1 (a click), an offer without it or "não entendi" 2 (a
/// rephrase, and a second miss sends them to a person), a wrong answer 2.5 (a wrong dialog to back out of, then a
/// rephrase); out of scope, "não entendi" 0 (the right answer), an offer 1 ("Nenhuma dessas"), an answer 2.5. The pair with the lowest expected
/// cost wins, in-scope and out-of-scope means weighted by the assumed out-of-scope share of traffic, so the sets'
/// own sizes do not decide. Ties go to the higher thresholds (caution).
/// </summary>
public static class TriageThresholds
{
    /// <summary>A quarter of messages out of scope: a guess on the cautious side, as we have no pt-BR traffic yet.</summary>
    public const double DefaultOutOfScopeShare = 0.25;

    public const double OfferCost = 1;
    public const double RephraseCost = 2;
    public const double WrongAnswerCost = 2.5;

    /// <summary>
    /// <paramref name="inScope"/>: each row's calibrated intent probabilities, best first, and its true intent;
    /// <paramref name="outOfScope"/>: the same for out-of-scope messages.
    /// </summary>
    public static TriageChoice Choose(
        IReadOnlyList<(IReadOnlyList<IntentScore> Ranked, string Intent)> inScope, IReadOnlyList<IReadOnlyList<IntentScore>> outOfScope, TriageRule rule)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        ArgumentNullException.ThrowIfNull(outOfScope);
        ArgumentNullException.ThrowIfNull(rule);
        TriageChoice? best = null;
        for (var answer = 95; answer >= 5; answer--)
        {
            for (var clarify = answer - 1; clarify >= 5; clarify--)
            {
                var choice = Score(inScope, outOfScope, rule, answer / 100.0, clarify / 100.0);
                best = best is null || choice.Score > best.Score + 1e-12 ? choice : best;
            }
        }
        return best!;
    }

    /// <summary>The figures of one pair of thresholds.</summary>
    public static TriageChoice Score(
        IReadOnlyList<(IReadOnlyList<IntentScore> Ranked, string Intent)> inScope, IReadOnlyList<IReadOnlyList<IntentScore>> outOfScope,
        TriageRule rule, double answer, double clarify)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        ArgumentNullException.ThrowIfNull(outOfScope);
        ArgumentNullException.ThrowIfNull(rule);
        int right = 0, wrong = 0, offered = 0, oosAnswered = 0, oosOffered = 0;
        foreach (var (ranked, intent) in inScope)
        {
            switch (Outcome(ranked, rule, answer, clarify))
            {
                case TriageOutcome.Answered when ranked[0].Intent == intent: right++; break;
                case TriageOutcome.Answered: wrong++; break;
                case TriageOutcome.Clarified when Offered(ranked, rule, clarify).Any(c => c.Intent == intent): offered++; break;
                default: break;
            }
        }
        foreach (var ranked in outOfScope)
        {
            var outcome = Outcome(ranked, rule, answer, clarify);
            oosAnswered += outcome == TriageOutcome.Answered ? 1 : 0;
            oosOffered += outcome == TriageOutcome.Clarified ? 1 : 0;
        }
        double n = Math.Max(inScope.Count, 1), m = Math.Max(outOfScope.Count, 1);
        var inScopeCost = (OfferCost * offered + WrongAnswerCost * wrong + RephraseCost * (inScope.Count - right - offered - wrong)) / n;
        var outOfScopeCost = (OfferCost * oosOffered + WrongAnswerCost * oosAnswered) / m;
        var score = -((1 - rule.OutOfScopeShare) * inScopeCost + rule.OutOfScopeShare * outOfScopeCost);
        return new TriageChoice(answer, clarify, score,
            right / n, wrong / n, offered / n, oosAnswered / m, oosOffered / m);
    }

    /// <summary>The triage of ConversationBot: clear and unambiguous answers, otherwise an offer of what clears the clarify threshold.</summary>
    public static TriageOutcome Outcome(IReadOnlyList<IntentScore> ranked, TriageRule rule, double answer, double clarify)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(rule);
        if (ranked.Count == 0)
        {
            return TriageOutcome.NotUnderstood;
        }
        var clear = ranked[0].Confidence >= answer && (ranked.Count < 2 || ranked[0].Confidence - ranked[1].Confidence >= rule.Margin);
        return clear ? TriageOutcome.Answered : Offered(ranked, rule, clarify).Any() ? TriageOutcome.Clarified : TriageOutcome.NotUnderstood;
    }

    private static IEnumerable<IntentScore> Offered(IReadOnlyList<IntentScore> ranked, TriageRule rule, double clarify) =>
        ranked.Where(c => c.Confidence >= clarify).Take(rule.MaxCandidates);
}
