namespace Atendimento.Bot.Dialogs;

/// <summary>
/// The inactivity menu of the triage policy: sent when the customer leaves the bot's question unanswered, and
/// read on their next message (1 continue: the question again; 2 a person: handoff <c>timeout_menu</c>;
/// 3 close: a goodbye). Any other answer is an ordinary message: the customer simply went on.
/// </summary>
internal static class InactivityMenu
{
    public static void Remind(DialogContext context, InactivityPolicy policy)
    {
        context.Say(policy.Prompt, policy.Options.Titles);
        context.State = context.State with { InactivityReminders = context.State.InactivityReminders + 1 };
    }

    public static void Close(DialogContext context, InactivityPolicy policy)
    {
        context.Say(policy.Closed);
        context.State = context.State.Idle() with { Offered = null, OffersInARow = 0, InactivityReminders = 0 };
    }

    /// <summary>Acts on the customer's answer to the menu; false when the answer picked none of its options.</summary>
    public static bool TryAnswer(DialogContext context, BotDefinition definition, InactivityPolicy policy, string text)
    {
        switch (ChoiceMatcher.Match(policy.Options.Titles, text))
        {
            case 0:
                Reask(context, definition);
                return true;
            case 1:
                var last = context.State.Trail.LastOrDefault();
                var handoff = policy.Handoff;
                context.Handoff = new HandoffDecision(handoff.Reason, handoff.Level, handoff.Queue, handoff.Skills, context.State.Intent ?? last?.Intent, last?.Confidence);
                context.State = context.State.Idle() with { Offered = null, OffersInARow = 0 };
                return true;
            case 2:
                context.Say(policy.Goodbye, MenuChoices(definition.Policy));
                context.State = context.State.Idle() with { Offered = null, OffersInARow = 0 };
                return true;
            default:
                return false;
        }
    }

    /// <summary>"Continuar": the question the customer left unanswered, asked again as it was.</summary>
    private static void Reask(DialogContext context, BotDefinition definition)
    {
        if (context.State.Offered is { } offered)
        {
            Clarifier.Offer(context, definition, offered.Select(definition.Find).OfType<IntentDefinition>().ToList());
        }
        else if (context.State.Intent is { } name && definition.Find(name) is { } intent && StepRunner.Reprompt(intent, context))
        {
            return;
        }
        else
        {
            // The question no longer exists (the dialog file changed): start over from the menu.
            context.State = context.State.Idle();
            context.Say(definition.Policy.Menu.Prompt, MenuChoices(definition.Policy));
        }
    }

    private static List<string> MenuChoices(BotPolicy policy) => policy.Menu.Options.Select(o => o.Title).ToList();
}
