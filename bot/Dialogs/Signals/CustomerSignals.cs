namespace Atendimento.Bot.Dialogs.Signals;

/// <summary>
/// Reasons to stop before the dialogs get a say: the customer is angry (or frustrated again), or writes in a
/// language the bot does not speak. Either hands off at once with the policy's words; no intent is guessed.
/// </summary>
internal static class CustomerSignals
{
    /// <summary>True when the message made the bot hand off; the context then holds the reply and the decision.</summary>
    public static bool HandOff(DialogContext context, BotPolicy policy, string text) =>
        (policy.Language is { } language && ForeignLanguage(context, language, text))
        || (policy.Sentiment is { } sentiment && Upset(context, sentiment, text));

    private static bool ForeignLanguage(DialogContext context, LanguagePolicy policy, string text)
    {
        var guessed = LanguageGuess.Guess(text);
        if (guessed == LanguageGuess.Portuguese)
        {
            return false;
        }
        var skills = policy.SkillByLanguage.TryGetValue(guessed, out var skill) ? [.. policy.Handoff.Skills, skill] : policy.Handoff.Skills;
        HandOff(context, policy.Reply, policy.Handoff with { Skills = skills });
        return true;
    }

    private static bool Upset(DialogContext context, SentimentPolicy policy, string text)
    {
        var mood = Frustration.Read(text);
        if (mood == Mood.Calm)
        {
            return false;
        }
        var frustrated = context.State.FrustratedMessages + 1;
        context.State = context.State with { FrustratedMessages = frustrated };
        if (mood != Mood.Abusive && frustrated < policy.FrustratedMessages)
        {
            return false;
        }
        HandOff(context, policy.Apology, policy.Handoff);
        context.State = context.State with { FrustratedMessages = 0 };
        return true;
    }

    private static void HandOff(DialogContext context, string reply, HandoffStep handoff)
    {
        var last = context.State.Trail.LastOrDefault();
        context.Say(reply);
        context.Handoff = new HandoffDecision(handoff.Reason, handoff.Level, handoff.Queue, handoff.Skills, context.State.Intent ?? last?.Intent, last?.Confidence);
        context.State = context.State.Idle() with { Offered = null, OffersInARow = 0, InactivityReminders = 0 };
    }
}
